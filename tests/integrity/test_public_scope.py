"""The 台账校验公示 names only what the public may see: a restricted 承诺书 and every
meeting record appear as counts and one combined digest, yet stay anchored."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from integrity import anchors
from integrity.models import Publication, Seal

from .conftest import pytestmark  # noqa: F401


@pytest.fixture
def two_pledges(sealed, site_tree):
    """sealed.pledge restricted to its organisation, a second one public; published."""
    from plugins.commitments import sealing
    from plugins.commitments.models import Pledge
    from tests.plugins.commitments.factories import published_pledge

    Pledge.objects.filter(pk=sealed.pledge.pk).update(scope="organisation")
    sealing.seal(sealed.pledge, "公开范围改为本组织公开")
    public = published_pledge(site_tree.branch2, n=1, scope="public")
    publication = anchors.publish()
    return sealed.pledge, public, publication


def _link(source, chain_id):
    return Seal.objects.filter(source=source, chain_id=str(chain_id)).order_by("-seq").first().link


def test_anonymous_visitors_see_counts_not_restricted_ids(client, sealed, two_pledges):
    restricted, public, publication = two_pledges
    page = client.get("/integrity/").content.decode()
    assert f"承诺书#{public.pk}" in page and _link("commitments", public.pk) in page
    assert f"承诺书#{restricted.pk}" not in page
    assert _link("commitments", restricted.pk) not in page
    assert _link("meetings", sealed.record.pk) not in page
    assert sealed.record.organisation.title not in page
    hidden = publication.public["restricted"]
    assert hidden["commitments"]["chains"] == 1 and hidden["meetings"]["chains"] == 1
    assert hidden["commitments"]["digest"] in page and "不向社会公开的对象：1条校验链" in page

    data = json.loads(client.get("/integrity/latest.json").content)
    assert list(data["heads"]["commitments"]) == [str(public.pk)]
    assert data["heads"]["meetings"] == {}
    assert data["restricted"]["commitments"] == hidden["commitments"]
    for url in ("/integrity/latest.json", f"/integrity/{publication.pk}.json",
                "/integrity/feed.xml", f"/integrity/{publication.pk}/"):
        body = client.get(url).content.decode()
        assert f"承诺书#{restricted.pk}" not in body
        assert _link("commitments", restricted.pk) not in body


def test_a_member_in_scope_also_sees_her_own_chain(client, sealed, two_pledges):
    restricted, _public, _publication = two_pledges
    client.force_login(sealed.member)
    page = client.get("/integrity/").content.decode()
    assert f"承诺书#{restricted.pk}" in page and _link("commitments", restricted.pk) in page


def test_a_public_copy_still_anchors_the_restricted_chains(client, sealed, two_pledges,
                                                           tmp_path):
    restricted, _public, publication = two_pledges
    copy = tmp_path / "latest.json"
    copy.write_bytes(client.get("/integrity/latest.json").content)
    call_command("verify_integrity", "--against", str(copy), stdout=io.StringIO())

    # The restricted chain's tail is deleted and the stored publication rewritten to match.
    Seal.objects.filter(source="commitments", chain_id=str(restricted.pk)).order_by(
        "-seq").first().delete()
    heads = publication.heads
    last = Seal.objects.filter(source="commitments", chain_id=str(restricted.pk)).order_by(
        "-seq").first()
    heads["commitments"][str(restricted.pk)][:2] = [last.link, last.seq]
    Publication.objects.filter(pk=publication.pk).update(heads=heads)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_integrity", "--against", str(copy), stdout=out)
    assert "公示记录被改写" in out.getvalue()

    Publication.objects.all().delete()
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_ledger", "--against", str(copy), stdout=out)
    assert "在数据库中找不到" in out.getvalue()
