"""Index writes an external search engine could not take when they were made."""

from django.db import models


class PendingIndexWrite(models.Model):
    """An item whose Elasticsearch document could not be written or deleted (the server was
    down or slow). `python manage.py search_sync` writes it again from the database, and
    `update_index` rebuilds everything, so no change is lost for good."""

    model = models.CharField("模型", max_length=100)  # "app_label.modelname"
    object_id = models.CharField("对象", max_length=64)
    created_at = models.DateTimeField("记录时间", auto_now=True)
    error = models.TextField("错误", blank=True)

    class Meta:
        verbose_name = "待同步的检索索引"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["model", "object_id"],
                                               name="search_pending_unique")]

    def __str__(self):
        return f"{self.model}#{self.object_id}"


class SynonymGroup(models.Model):
    """Wordings a reader may use for the same thing; a search for one also finds the
    others (search.analysis.synonyms)."""

    terms = models.TextField(
        "同义词或变体",
        help_text="同一组内可互相替代的说法，用逗号、顿号或空格分隔，例如：交纳党费，缴纳党费。")
    note = models.CharField("说明", max_length=200, blank=True)
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "检索同义词"
        verbose_name_plural = verbose_name
        ordering = ["pk"]

    def __str__(self):
        return " / ".join(self.term_list())

    def term_list(self):
        from .analysis.synonyms import split_terms

        return split_terms(self.terms)

    def clean(self):
        from django.core.exceptions import ValidationError

        from .analysis.normalise import normalise

        terms = self.term_list()
        if len(terms) < 2:
            raise ValidationError({"terms": "请至少填写两个说法，用逗号、顿号或空格分隔。"})
        too_long = [t for t in terms if len(t) > 40]
        if too_long:
            raise ValidationError({"terms": f"每个说法不超过40个字：{too_long[0][:40]}…"})
        if any(not normalise(t) for t in terms):
            raise ValidationError({"terms": "说法须包含文字或数字。"})


class PublicQueryCount(models.Model):
    """How often the public searched for a query on a day (热搜词). Only queries from
    visitors who are not logged in are counted, normalised, with nothing about who
    searched: no user, address, session or time of day."""

    day = models.DateField("日期")
    query = models.CharField("检索词", max_length=30)
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = "公众检索词统计"
        verbose_name_plural = verbose_name
        constraints = [models.UniqueConstraint(fields=["day", "query"],
                                               name="search_query_count_unique")]
        indexes = [models.Index(fields=["day"], name="search_query_count_day")]

    def __str__(self):
        return f"{self.day} {self.query} ×{self.count}"


class HotQueryStopWord(models.Model):
    """A word that keeps every query holding it out of the 热搜词 list."""

    word = models.CharField("屏蔽词", max_length=30, unique=True,
                            help_text="含有该词的检索词不在热搜词中显示。")
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "热搜屏蔽词"
        verbose_name_plural = verbose_name
        ordering = ["word"]

    def __str__(self):
        return self.word

    def clean(self):
        from django.core.exceptions import ValidationError

        from .analysis.normalise import normalise

        if not normalise(self.word):
            raise ValidationError({"word": "屏蔽词须包含文字或数字。"})


class ChineseFTSEntry(models.Model):
    """SQLite only: the project's own FTS5 index over Wagtail's search entries (migration
    0011_sqlite_fts_prefix_index creates it and its triggers). It indexes the same token
    strings as Wagtail's FTS5 table, plus a one-character prefix index, so a one-character
    query (`"党" *`) reads one list instead of merging the list of every bigram that starts
    with the character. The entry's content type is a column too, so a search for one
    type never walks another type's matches. Searches read it
    (search.backends.database.sqlite); it stores no text of its own (external content:
    Wagtail's entries table)."""

    index_entry = models.OneToOneField("wagtailsearch.IndexEntry", primary_key=True,
                                       db_column="rowid", on_delete=models.DO_NOTHING,
                                       related_name="+")
    autocomplete = models.TextField(null=True)  # noqa: DJ001 - as the entries table
    title = models.TextField()
    body = models.TextField(null=True)  # noqa: DJ001 - as the entries table
    content_type_id = models.IntegerField()  # a token, so a match can keep one type

    class Meta:
        managed = False
        db_table = "portal_search_fts"

    def __str__(self):
        return f"FTS5 {self.index_entry_id}"
