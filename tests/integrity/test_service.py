"""The core tamper-evidence service on its own: keys, links, publication, upgrades."""

import io
import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.test import Client

from integrity import anchors, chain, keys, registry
from integrity.models import Publication, Seal


@pytest.fixture
def toy_source(db):
    """A source of two objects whose fields live in a dict, registered for the test."""
    state = {"a": {"名称": "甲", "数量": 1}, "b": {"名称": "乙", "数量": 2}}
    saved = registry.sources()
    registry.register_source("toy", "测试台账", lambda: [
        (cid, f"对象{cid}", f"组{cid}", lambda cid=cid: dict(state[cid])) for cid in state],
        visible=lambda user: list(state))  # every toy object is public
    yield state
    registry._sources.clear()
    registry._sources.update(saved)


def test_key_comes_from_the_environment_or_a_file_never_derived_in_production(
        settings, monkeypatch, tmp_path):
    monkeypatch.delenv("INTEGRITY_KEY", raising=False)
    monkeypatch.delenv("INTEGRITY_KEY_FILE", raising=False)
    settings.INTEGRITY_KEY, settings.INTEGRITY_KEY_FILE = "", ""
    settings.INTEGRITY_KEY_DERIVED = False
    with pytest.raises(ImproperlyConfigured, match="INTEGRITY_KEY"):
        keys.current_key()
    secret = tmp_path / "integrity.key"
    secret.write_text("ab" * 32 + "\n")
    monkeypatch.setenv("INTEGRITY_KEY_FILE", str(secret))
    assert keys.current_key() == bytes.fromhex("ab" * 32)
    monkeypatch.setenv("INTEGRITY_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="太短"):
        keys.current_key()


def test_seal_verify_and_a_changed_field_is_named(toy_source):
    for cid in toy_source:
        chain.seal("toy", cid, toy_source[cid], "创建")
    assert chain.verify_source("toy") == []
    toy_source["a"]["数量"] = 5
    problems = chain.verify_source("toy")
    assert problems == ["对象a：“数量”与最后一次封存时不一致（被改动）。"]
    chain.seal("toy", "a", toy_source["a"], "修改数量")
    assert chain.verify_source("toy") == []


def test_published_heads_catch_a_deleted_tail_and_a_rebuilt_chain(toy_source):
    for _ in range(3):
        chain.seal("toy", "a", toy_source["a"])
    chain.seal("toy", "b", toy_source["b"])
    publication = anchors.publish()
    assert publication.heads["toy"]["a"][1] == 3
    Seal.objects.filter(source="toy", chain_id="a", seq=3).delete()
    assert any("链尾被删除" in p for p in chain.verify_source("toy"))
    Seal.objects.filter(source="toy", chain_id="a").delete()
    for _ in range(3):  # rebuilt with the key itself: consistent, but not what was published
        chain.seal("toy", "a", toy_source["a"], "重建")
    assert chain.verify_source("toy") == ["组a：第3环与" + _when(publication) +
                                          "公示的链头不符（校验链被重写）。"]


def _when(publication):
    from django.utils import timezone

    return f"{timezone.localtime(publication.published_at):%Y-%m-%d %H:%M}"


def test_key_rotation_keeps_old_links_verifiable(toy_source, settings, monkeypatch):
    monkeypatch.delenv("INTEGRITY_KEY", raising=False)
    old = "11" * 32
    settings.INTEGRITY_KEY = old
    chain.seal("toy", "a", toy_source["a"])
    settings.INTEGRITY_KEY = "22" * 32
    assert any("未知密钥" in p for p in chain.verify_source("toy"))
    settings.INTEGRITY_OLD_KEYS = old
    chain.seal("toy", "b", toy_source["b"])
    assert chain.verify_source("toy") == []
    links = Seal.objects.order_by("pk")
    assert links[0].key_id != links[1].key_id


def test_a_migration_reshapes_the_chains_without_laundering_an_edit(toy_source):
    """integrity.upgrade: a plugin dropping a column its snapshot covered re-seals each chain
    in the new shape only where the changed fields still match the last link; the digests
    of every other field are copied, never recomputed from the rows."""
    from django.apps import apps

    from integrity import upgrade

    toy_source["a"]["旧#1"] = [1, "hash-1"]
    chain.seal("toy", "a", toy_source["a"])
    chain.seal("toy", "b", toy_source["b"])
    toy_source["b"]["数量"] = 9  # edited behind the application's back before the upgrade

    def values(chain_id):
        old = {k: v for k, v in toy_source[chain_id].items() if k.startswith("旧#")}
        return old, {k: v[:1] for k, v in old.items()}

    tampered = dict(toy_source["a"], **{"旧#1": [1, "forged"]})
    with pytest.raises(CommandError, match="(?s)旧#1.*未做任何改动"):
        upgrade.reshape(apps, "toy", lambda n: n.startswith("旧#"),
                        lambda c: ({"旧#1": tampered["旧#1"]}, {}) if c == "a" else ({}, {}),
                        "升级")
    assert Seal.objects.count() == 2  # nothing written

    assert upgrade.reshape(apps, "toy", lambda n: n.startswith("旧#"), values, "升级") == 2
    toy_source["a"]["旧#1"] = [1]  # what the plugin's snapshot holds after the migration
    problems = chain.verify_source("toy")
    assert problems == ["对象b：“数量”与最后一次封存时不一致（被改动）。"]  # still reported


def test_a_migration_stops_when_an_object_was_never_adopted(toy_source):
    from django.apps import apps

    from integrity import upgrade

    chain.seal("toy", "a", toy_source["a"])
    upgrade.require_chains(apps, "toy", ["a"], "个对象")
    with pytest.raises(CommandError, match="1个对象（编号 b）还没有防篡改校验链"):
        upgrade.require_chains(apps, "toy", ["a", "b"], "个对象")


def test_public_page_json_and_feed(toy_source, client: Client):
    assert "尚未发布公示" in client.get("/integrity/").content.decode()
    chain.seal("toy", "a", toy_source["a"])
    out = io.StringIO()
    call_command("publish_integrity_heads", stdout=out)
    publication = Publication.objects.get()
    head = Seal.objects.get().link
    page = client.get("/integrity/").content.decode()
    assert "台账校验公示" in page and head in page and publication.digest in page
    data = json.loads(client.get("/integrity/latest.json").content)
    assert data["heads"]["toy"]["a"][:2] == [head, 1]
    feed = client.get("/integrity/feed.xml").content.decode()
    assert publication.digest in feed
    assert client.get(f"/integrity/{publication.pk + 99}/").status_code == 404


def test_verify_against_a_saved_copy_of_the_publication(toy_source, tmp_path):
    chain.seal("toy", "a", toy_source["a"])
    chain.seal("toy", "a", toy_source["a"])
    anchors.publish()
    copy = tmp_path / "latest.json"
    copy.write_text(json.dumps({"heads": anchors.latest().heads}), encoding="utf-8")
    Publication.objects.all().delete()  # the database's own copy is gone
    Seal.objects.filter(seq=2).delete()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_integrity", "--source", "toy", "--against", str(copy), stdout=out)
    assert "链尾被删除" in out.getvalue()
