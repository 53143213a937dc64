"""A match's reasons, stored in English, are said in the interface language: on the duplicates
page, in `stinet dedup list`, for rows stored by earlier releases too."""

from __future__ import annotations

import pytest
from django.utils import translation

from stinet.accounts.services import create_user, grant
from stinet.catalog import dedup
from stinet.catalog.matching import Record, compare
from stinet.catalog.models import Match, Work
from stinet.catalog.reasons import say
from stinet.catalog.services import add_organisation
from stinet.ingest.services import import_file
from tests.conftest import row

PASSWORD = "a-long-pass-phrase-42"
THESIS = Record("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", "thesis", 2016, "Thạc sĩ Sinh học",
                ["Nguyễn Văn An"], {"isbn": ["978-604-0-00000-1"]})


@pytest.mark.parametrize(("stored", "vi", "en"), [
    ("title 0.83", "nhan đề 0,83", "title 0.83"),
    ("title 0.8", "nhan đề 0,80", "title 0.80"),
    ("same first author", "cùng tác giả thứ nhất", "same first author"),
    ("same year", "cùng năm", "same year"),
    ("years differ (2016 / 2017)", "khác năm (2016 / 2017)", "years differ (2016 / 2017)"),
    ("types differ (thesis / report)", "khác loại tài liệu (Luận văn thạc sĩ / Báo cáo kết quả nghiên cứu)",
     "types differ (Master's thesis / Research-result report)"),
    ("split by an administrator", "do quản trị mạng lưới tách", "split by an administrator"),
    ("closed: LIB holds this work already (LIB:L 1): two records of one source stay apart",
     "đã đóng: LIB đã lưu giữ tài liệu này (LIB:L 1): hai biểu ghi của cùng một nguồn luôn để riêng",
     "closed: LIB holds this work already (LIB:L 1): two records of one source stay apart"),
    ("something an older release wrote", "something an older release wrote", "something an older release wrote"),
])
def test_a_stored_reason_is_said_in_the_interface_language(stored, vi, en):
    with translation.override("vi"):
        assert say(stored) == vi
    with translation.override("en"):
        assert say(stored) == en


def _written() -> set[str]:
    """Every reason matching and dedup write, from pairs that give each of them."""
    other = Record("Nghiên cứu đa dạng sinh học rạn san hô ở vịnh Hạ Long", "thesis", 2016, "Thạc sĩ Sinh học",
                   ["Nguyễn V. An"])
    pairs = [(THESIS, other), (THESIS, Record(THESIS.title, identifiers=THESIS.identifiers)),
             (THESIS, Record(THESIS.title + ", Tập 2", "report", 2017, "Tiến sĩ", ["Trần Thị Bình"],
                             {"isbn": ["978-604-0-99999-9"]}))]
    found = {reason for a, b in pairs for reason in compare(a, b)[1]}
    return found | {dedup.SPLIT_REASON, dedup.RULE_REASON, dedup.HAND_REASON, dedup.held_reason("LIB", "L1")}


def test_every_reason_written_is_translated():
    written = _written()
    assert len(written) == 14, sorted(written)  # all of catalog.reasons.PHRASES
    with translation.override("vi"):
        untranslated = sorted(r for r in written if say(r) == r)
    assert not untranslated


@pytest.mark.django_db
def test_the_duplicates_page_says_reasons_in_the_page_language(client, org, write_csv, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    add_organisation("LIB", "Thư viện", member=True)
    thesis = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An")
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="u1", **thesis)], "u.csv"),
                "HPU")
    import_file(write_csv([row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L1", **thesis)],
                          "l.csv"), "LIB")
    pair = Match.objects.get(status="review")
    title = pair.reasons[0].split()[1]  # "title 0.xx", as stored
    work = Work.objects.get(holdings__local_id="u1")
    old = Match.objects.create(work=work, organisation=pair.organisation, local_id="L0", score=0.95, status="split",
                               reasons=["title 0.95", "same year", "split by an administrator"])  # an older row
    grant(create_user("hub", PASSWORD), "network_admin")
    assert client.login(username="hub", password=PASSWORD)
    page = client.get("/manage/duplicates/").content.decode()
    assert f"nhan đề {title.replace('.', ',')}; cùng tác giả thứ nhất; cùng năm" in page
    assert "nhan đề 0,95; cùng năm; do quản trị mạng lưới tách" in page
    assert "same year" not in page and f"title {title}" not in page
    english = client.get("/manage/duplicates/?lang=en").content.decode()
    assert f"title {title}; same first author; same year" in english
    assert "title 0.95; same year; split by an administrator" in english and old.reasons[2] == dedup.SPLIT_REASON
