"""Every XLSX/DOCX export of the ledger and the records prints the chains' heads."""

import io

from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from integrity.models import Seal
from tests.factories import UserFactory

from .conftest import pytestmark  # noqa: F401


def _head(source, chain_id):
    last = Seal.objects.filter(source=source, chain_id=str(chain_id)).order_by("-seq").first()
    return last.link, last.seq


def test_ledger_xlsx_and_word_carry_the_heads(client, sealed):
    from plugins.commitments.models import Pledge

    Pledge.objects.filter(pk=sealed.pledge.pk).update(scope="public")
    link, count = _head("commitments", sealed.pledge.pk)
    book = load_workbook(io.BytesIO(b"".join(
        client.get(reverse("commitments:export")).streaming_content)))
    lines = [row[0] for row in book["台账校验"].iter_rows(values_only=True)]
    assert any(line.startswith("台账校验公示：") for line in lines)
    assert f"链 {sealed.pledge.pk}：{count}环，链头 {link}" in lines
    client.force_login(sealed.member)
    word = Document(io.BytesIO(client.get(
        reverse("commitments:docx", args=[sealed.pledge.pk])).content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert f"链 {sealed.pledge.pk}：{count}环，链头 {link}" in text


def test_meetings_xlsx_carries_the_heads(client, sealed):
    link, count = _head("meetings", sealed.record.pk)
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    book = load_workbook(io.BytesIO(client.get(
        reverse("meetings:export"), {"year": sealed.record.start.year}).content))
    lines = [row[0] for row in book["台账校验"].iter_rows(values_only=True)]
    assert f"链 {sealed.record.pk}：{count}环，链头 {link}" in lines
