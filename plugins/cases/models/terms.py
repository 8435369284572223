"""CaseTerm: the weighted key terms of a case, for 相关案例 on the database backend."""

from django.db import models


class CaseTerm(models.Model):
    case = models.ForeignKey("cases.InnovationCasePage", on_delete=models.CASCADE,
                             related_name="terms")
    term = models.CharField(max_length=60, db_index=True)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = "案例关键词"
        verbose_name_plural = "案例关键词"
        constraints = [models.UniqueConstraint(fields=["case", "term"], name="cases_term_unique")]

    def __str__(self):
        return self.term
