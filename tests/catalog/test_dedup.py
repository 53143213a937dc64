"""Members' copies of one resource become one work with several holdings; decisions stick."""

from __future__ import annotations

import pytest
from django.utils import translation

from stinet.catalog.dedup import MatchError, merge_by_hand, settle, split
from stinet.catalog.models import Holding, Match, MatchRule, Work
from stinet.catalog.services import add_organisation
from stinet.ingest.services import import_file
from stinet.search.base import SearchRequest
from stinet.search.service import search_json
from tests.conftest import row

pytestmark = pytest.mark.django_db
THESIS = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn An",
              thesis_degree_name="Thạc sĩ Sinh học")


@pytest.fixture
def lib(org):
    return add_organisation("LIB", "Thư viện Khoa học tổng hợp", kind="library", member=True)


def test_a_thesis_held_by_a_university_and_the_library_is_one_work(org, lib, write_csv):
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="u1", **THESIS)], "u.csv"), "HPU")
    library = dict(THESIS, dc_contributor_author="Nguyễn, Văn An", dc_type="Thesis")
    report = import_file(write_csv([row("NGHIÊN CỨU ĐA DẠNG SINH HỌC RẠN SAN HÔ.", id="L-9", **library)], "l.csv"),
                         "LIB")
    assert report.new == 1 and report.merged == 1
    work = Work.objects.get()
    assert sorted(work.holdings.values_list("organisation__code", flat=True)) == ["HPU", "LIB"]
    match = Match.objects.get()
    assert match.status == "merged" and match.score >= 0.9 and "same first author" in match.reasons
    data = search_json(SearchRequest(q="san ho"))
    assert data["total"] == 1 and {h["org"] for h in data["results"][0]["holdings"]} == {"HPU", "LIB"}
    assert {f["value"]: f["count"] for f in data["facets"]["org"]} == {"HPU": 1, "LIB": 1}


@pytest.mark.parametrize("change", [{"dc_date_issued": "2017"}, {"dc_contributor_author": "Trần Thị Bình"},
                                    {"dc_type": "Luận án tiến sĩ"}, {"thesis_degree_name": "Tiến sĩ Sinh học"}])
def test_look_alikes_that_differ_in_year_author_type_or_degree_stay_apart(org, lib, write_csv, change):
    import_file(write_csv([row("Báo cáo tổng kết đề tài", id="a", **THESIS)], "a.csv"), "HPU")
    import_file(write_csv([row("Báo cáo tổng kết đề tài", id="b", **dict(THESIS, **change))], "b.csv"), "LIB")
    assert Work.objects.count() == 2


def test_two_records_of_one_source_are_never_merged(org, write_csv):
    report = import_file(write_csv([row("Cùng tên", id="x1", **THESIS), row("Cùng tên", id="x2", **THESIS)]), "HPU")
    assert report.new == 2 and report.merged == 0 and Work.objects.count() == 2


def test_doubtful_pairs_wait_for_review_and_the_decision_sticks(org, lib, write_csv):
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="u1", **THESIS)], "u.csv"),
                "HPU")
    doubtful = row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L1", **THESIS)
    path = write_csv([doubtful], "l.csv")
    report = import_file(path, "LIB")
    assert report.review == 1 and Work.objects.count() == 2
    assert import_file(path, "LIB").review == 0  # re-importing reports no new doubtful pair
    match = Match.objects.get(status="review")
    separate = match.other_work_id
    assert settle(match.pk, merge=True, actor="admin") == (separate, match.work_id)  # ids to re-index
    assert Work.objects.count() == 1 and Holding.objects.count() == 2
    assert Match.objects.get(pk=match.pk).status == "confirmed"
    assert MatchRule.objects.get().rule == "always"


LONG = ("Nghiên cứu đánh giá hiện trạng và đề xuất giải pháp quản lý tổng hợp tài nguyên nước, phòng chống ô nhiễm "
        "và bảo vệ hệ sinh thái ven biển khu vực cửa sông Bạch Đằng, thành phố Hải Phòng và các huyện ven biển lân "
        "cận giai đoạn đến năm")


def test_long_titles_beyond_what_keys_hold_are_still_compared_in_full(org, lib, write_csv):
    """Keys hold 200 characters of a title: a candidate found by author and year is not ruled out on them."""
    report_row = dict(dc_type="Báo cáo kết quả nghiên cứu", dc_date_issued="2016",
                      dc_contributor_author="Nguyễn Văn An")
    import_file(write_csv([row(LONG, id="u1", **report_row)], "u.csv"), "HPU")
    prefix = ("Đề tài khoa học cấp bộ về ứng phó biến đổi khí hậu, nước biển dâng, quản lý rủi ro "
              "và phòng chống thiên tai ")
    report = import_file(write_csv([row(prefix + LONG, id="L1", **report_row)], "l.csv"), "LIB")
    assert report.review == 1 and Match.objects.get().status == "review"  # scored 0.88: for an administrator


def test_split_and_manual_merge_are_respected_by_later_imports(org, lib, write_csv):
    path_u = write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="u1", **THESIS)], "u.csv")
    import_file(path_u, "HPU")
    path_l = write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="L1", **THESIS)], "l.csv")
    import_file(path_l, "LIB")
    old, new = split(lib, "L1", actor="admin")
    assert Work.objects.count() == 2 and Holding.objects.get(local_id="L1").work_id == new
    Holding.objects.filter(local_id="L1").delete()  # the member deletes and sends it again
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="L1", **THESIS)], "l2.csv"), "LIB")
    assert Holding.objects.get(local_id="L1").work_id != old  # the "never" rule held
    left, joined = merge_by_hand(lib, "L1", old, actor="admin")
    assert joined == old and Holding.objects.get(local_id="L1").work_id == old
    import_file(write_csv([row("Một đề tài khác hẳn", id="u2", **THESIS)], "u2.csv"), "HPU")
    with pytest.raises(MatchError, match="đã lưu giữ tài liệu .*: hai biểu ghi của cùng một nguồn luôn để riêng"):
        merge_by_hand(org, "u2", old, actor="admin")
    with translation.override("en"), pytest.raises(MatchError, match="holds no record 'nope'"):
        split(lib, "nope", actor="admin")


def test_a_key_shared_by_too_many_works_is_not_blocked_on_and_is_remembered(org, lib, write_csv, monkeypatch):
    from stinet.catalog import dedup

    monkeypatch.setattr(dedup, "MAX_KEY_WORKS", 3)
    common = dict(THESIS, dc_contributor_author="")
    import_file(write_csv([row("Báo cáo tổng kết năm", id=f"r{n}", **common) for n in range(5)], "r.csv"), "HPU")
    # the same title from another member: its only shared key is too common, so no merge and no review
    report = import_file(write_csv([row("Báo cáo tổng kết năm", id="x", **common)], "x.csv"), "LIB")
    assert report.merged == 0 and report.review == 0 and Work.objects.count() == 6
    assert ("ty", "bao cao tong ket nam|2016") in dedup._popular  # learnt: later batches do not ask again
    popular = "bao cao tong ket nam|2016"
    monkeypatch.setattr(dedup, "select_in", lambda sql, values, *params: [
        pytest.fail(f"asked again for a popular key: {values}") for v in values if str(v) == popular])
    import_file(write_csv([row("Báo cáo tổng kết năm", id="y", **common)], "y.csv"), "LIB")
    monkeypatch.undo()
    monkeypatch.setattr(dedup, "MAX_KEY_WORKS", 3)
    # a rare key still finds its work
    import_file(write_csv([row("Nghiên cứu rạn san hô", id="u1", **THESIS)], "u.csv"), "HPU")
    report = import_file(write_csv([row("Nghiên cứu rạn san hô", id="L1", **THESIS)], "l.csv"), "LIB")
    assert report.merged == 1


def test_a_key_made_rare_again_by_deletions_is_blocked_on_again(org, lib, write_csv, monkeypatch):
    from stinet.catalog import dedup
    from stinet.catalog.services import remove_holding

    monkeypatch.setattr(dedup, "MAX_KEY_WORKS", 3)
    common = dict(THESIS, dc_contributor_author="")
    import_file(write_csv([row("Báo cáo tổng kết năm", id=f"r{n}", **common) for n in range(5)], "r.csv"), "HPU")
    import_file(write_csv([row("Báo cáo tổng kết năm", id="x", **dict(common, dc_type="Bài báo"))], "x.csv"), "LIB")
    assert ("ty", "bao cao tong ket nam|2016") in dedup._popular
    for n in range(1, 5):  # the member withdraws four of the five reports: one work keeps the key
        assert remove_holding(org, f"r{n}", actor="test")[0] == "work-deleted"
    report = import_file(write_csv([row("Báo cáo tổng kết năm", id="y", **common)], "y.csv"), "LIB")
    assert report.merged == 1 and Holding.objects.get(local_id="y").work == Holding.objects.get(local_id="r0").work


def test_dated_records_do_not_read_the_undated_title_keys_of_every_year(org, lib, write_csv, monkeypatch):
    from stinet.catalog import dedup

    monkeypatch.setattr(dedup, "MAX_KEY_WORKS", 3)
    rows = [row("Kỷ yếu hội thảo khoa học", id=f"k{year}", **dict(THESIS, dc_date_issued=str(year),
                                                                      dc_contributor_author=""))
            for year in range(2001, 2011)]
    import_file(write_csv(rows, "k.csv"), "HPU")
    # ten works share the title ("t" key) but each year has one: a 2005 copy still merges with its year's work
    report = import_file(write_csv([row("Kỷ yếu hội thảo khoa học", id="L", **dict(
        THESIS, dc_date_issued="2005", dc_contributor_author=""))], "l.csv"), "LIB")
    assert report.merged == 1
    assert Work.objects.get(holdings__local_id="L").year == 2005


def test_review_services_refuse_anyone_but_the_administrator_and_audit_decisions(org, lib, write_csv):
    from django.core.exceptions import PermissionDenied

    from stinet.accounts.services import create_user, grant
    from stinet.catalog.models import AuditEntry

    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô", id="L1", **THESIS)], "l.csv"), "LIB")
    editor = create_user("bien-tap", "mat-khau-dai-2026")
    grant(editor, "member_editor", "LIB")
    admin = create_user("quan-tri", "mat-khau-dai-2026")
    grant(admin, "network_admin")
    with pytest.raises(PermissionDenied):
        split(lib, "L1", "bien-tap", user=editor)
    with pytest.raises(PermissionDenied):
        merge_by_hand(lib, "L1", Work.objects.first().pk, "bien-tap", user=editor)
    assert Work.objects.count() == 1
    old, new = split(lib, "L1", "quan-tri", user=admin)
    entry = AuditEntry.objects.get(action="split")
    assert entry.actor == admin and entry.before["work"] == old and entry.after["work"] == new


def test_no_doubtful_pair_with_a_work_another_record_of_the_batch_joined(org, lib, write_csv):
    """The library's exact copy joins the university's work; its look-alike in the same file is a
    second record of one source beside that work: never merged, so no pair waits for review."""
    import_file(write_csv([row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="u1", **THESIS)], "u.csv"),
                "HPU")
    rows = [row("Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long", id="L1", **THESIS),
            row("Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh", id="L2", **THESIS)]
    report = import_file(write_csv(rows, "l.csv"), "LIB")
    assert report.merged == 1 and report.review == 0
    assert not Match.objects.filter(status="review").exists()


DOUBTFUL = "Đa dạng sinh học của các rạn san hô ở Hạ Long, Quảng Ninh"
EXACT = "Nghiên cứu đa dạng sinh học rạn san hô vịnh Hạ Long"


def _pair_waiting(lib, write_csv):
    """HPU's thesis, and LIB's look-alike of it waiting for review."""
    import_file(write_csv([row(EXACT, id="u1", **THESIS)], "u.csv"), "HPU")
    assert import_file(write_csv([row(DOUBTFUL, id="L2", **THESIS)], "l2.csv"), "LIB").review == 1
    return Match.objects.get(status="review")


def test_a_record_joining_the_look_alike_work_closes_its_organisations_pair_with_it(org, lib, write_csv):
    """A later file of LIB brings its exact copy of HPU's thesis: LIB now holds that work, so its
    earlier look-alike can never be merged into it (two records of one source stay apart)."""
    pair = _pair_waiting(lib, write_csv)
    assert import_file(write_csv([row(EXACT, id="L1", **THESIS)], "l1.csv"), "LIB").merged == 1
    pair.refresh_from_db()
    assert pair.status == "kept-apart" and pair.decided_at is not None
    assert pair.reasons[-1] == ("closed: LIB holds this work already (LIB:L1): two records of one source "
                                "stay apart")
    assert not MatchRule.objects.exists()  # nothing to remember: the record is never compared again


def test_a_record_merged_by_hand_closes_its_organisations_pairs_with_the_work(org, lib, write_csv):
    pair = _pair_waiting(lib, write_csv)
    import_file(write_csv([row("Một đề tài khác hẳn", id="L3", **THESIS)], "l3.csv"), "LIB")
    merge_by_hand(lib, "L3", pair.work_id, actor="admin")
    pair.refresh_from_db()
    assert pair.status == "kept-apart" and pair.decided_by == "admin" and "(LIB:L3)" in pair.reasons[-1]


def test_no_pair_is_queued_with_a_work_the_organisation_holds(org, lib, write_csv):
    from stinet.catalog.dedup import Decision, save_matches

    import_file(write_csv([row(EXACT, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row(EXACT, id="L1", **THESIS)], "l1.csv"), "LIB")
    held = Holding.objects.get(local_id="L1").work_id
    separate = Work.objects.create(title=DOUBTFUL, type="thesis", year=2016)
    doubtful = Decision(None, 0.8, ["title 0.75"], "review", held)
    save_matches(lib, [("L2", doubtful, separate.pk)])
    assert not Match.objects.filter(status="review").exists() and doubtful.status == ""  # nor counted as one


def test_pairs_that_cannot_be_merged_say_why(org, lib, write_csv):
    from stinet.catalog.dedup import unmergeable

    pair = _pair_waiting(lib, write_csv)
    assert unmergeable([pair]) == {}
    import_file(write_csv([row(EXACT, id="L1", **THESIS)], "l1.csv"), "LIB")
    Match.objects.filter(pk=pair.pk).update(status="review")  # a pair left from before the check
    with translation.override("en"):
        assert unmergeable([pair]) == {pair.pk: "LIB already holds this work (record LIB:L1): two records of "
                                                "one source stay apart"}
    with pytest.raises(MatchError, match="đã lưu giữ tài liệu"):
        settle(pair.pk, merge=True, actor="admin")
    Holding.objects.filter(local_id__in=["L1", "L2"]).delete()
    with translation.override("en"):
        assert unmergeable([pair]) == {pair.pk: "LIB holds no record 'L2'"}


def test_a_split_merge_says_it_was_split_and_into_which_work(org, lib, write_csv):
    import_file(write_csv([row(EXACT, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row(EXACT, id="L1", **THESIS)], "l1.csv"), "LIB")
    merge = Match.objects.get(status="merged")
    old, new = split(lib, "L1", actor="admin")
    merge.refresh_from_db()
    assert (merge.status, merge.work_id, merge.other_work_id, merge.decided_by) == ("split", old, new, "admin")
    assert merge.reasons[-1] == "split by an administrator" and Match.objects.count() == 1


def test_splitting_the_first_holders_record_is_recorded_on_its_own(org, lib, write_csv):
    import_file(write_csv([row(EXACT, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row(EXACT, id="L1", **THESIS)], "l1.csv"), "LIB")
    old, new = split(org, "u1", actor="admin")  # HPU's record was never merged: it described the work
    assert Match.objects.get(organisation=org).status == "split"
    assert Match.objects.get(organisation=lib).status == "merged"  # LIB's record is still in the work


def test_a_pair_decided_twice_at_once_is_decided_once(org, lib, write_csv):
    """QA 22: 'merge' and 'keep apart' sent together (two tabs, two administrators) both went through: the
    record merged, its pair 'kept-apart', both decisions audited and a 'never' rule on the work it was in."""
    from stinet.catalog.models import AuditEntry

    pair = _pair_waiting(lib, write_csv)
    settle(pair.pk, merge=True, actor="admin")
    with pytest.raises(MatchError):
        settle(pair.pk, merge=False, actor="admin2")
    pair.refresh_from_db()
    assert pair.status == "confirmed" and pair.decided_by == "admin"
    assert list(AuditEntry.objects.filter(action__in=["merge", "keep-apart"]).values_list("action", flat=True)) == [
        "merge"]
    assert list(MatchRule.objects.values_list("rule", flat=True)) == ["always"]
    # the merge is recorded once: by the confirmed pair, no merge by hand beside it
    assert list(Match.objects.values_list("status", flat=True)) == ["confirmed"]


def test_a_pair_whose_decision_fails_waits_still(org, lib, write_csv):
    pair = _pair_waiting(lib, write_csv)
    Holding.objects.filter(local_id="L2").delete()
    with pytest.raises(MatchError):
        settle(pair.pk, merge=True, actor="admin")
    pair.refresh_from_db()
    assert pair.status == "review" and not pair.decided_by  # the claim went back with the failed merge


@pytest.mark.parametrize("decision", ["merge", "split"])
def test_pairs_closed_by_a_decision_by_hand_are_kept_apart_not_listed_as_merges(org, lib, write_csv, decision):
    """QA 22: a record merged by hand (or split) closed its other doubtful pairs as merges by hand: the
    list of merges showed 'LIB:L2 -> work N, manual', a merge that never happened."""
    from stinet.catalog.dedup import MERGED

    pair = _pair_waiting(lib, write_csv)
    import_file(write_csv([row("Một đề tài khác hẳn", id="u9", **THESIS)], "u9.csv"), "HPU")
    other = Holding.objects.get(local_id="u9").work
    if decision == "merge":
        merge_by_hand(lib, "L2", other.pk, actor="admin")
        reason = f"closed: the record was merged by hand into work {other.pk}"
    else:  # the record in a work of two holdings (as after a merge of it), its pair waiting still
        Holding.objects.filter(local_id="L2").update(work=other)
        _old, new = split(lib, "L2", actor="admin")
        reason = f"closed: the record was split off into work {new}"
    pair.refresh_from_db()
    assert pair.status == "kept-apart" and pair.status not in MERGED and pair.reasons[-1] == reason
    with translation.override("vi"):
        assert pair.reasons_said.endswith(reason.replace("closed: the record was merged by hand into work",
                                                         "đã đóng: biểu ghi đã được gộp thủ công vào tài liệu")
                                          .replace("closed: the record was split off into work",
                                                   "đã đóng: biểu ghi đã được tách ra thành tài liệu"))


def test_a_record_merged_by_hand_into_its_pairs_work_decides_that_pair_as_merged(org, lib, write_csv):
    """Review 22: the pair was closed as kept apart, its record merged into that very work."""
    pair = _pair_waiting(lib, write_csv)
    merge_by_hand(lib, "L2", pair.work_id, actor="admin")
    pair.refresh_from_db()
    assert pair.status == "confirmed" and pair.decided_by == "admin"
    assert not Match.objects.filter(local_id="L2", status="manual").exists()  # the pair records the merge


def test_a_record_merged_into_the_work_it_is_in_is_told_so(org, lib, write_csv):
    import_file(write_csv([row(EXACT, id="u1", **THESIS)], "u.csv"), "HPU")
    work = Holding.objects.get(local_id="u1").work_id
    with translation.override("en"), pytest.raises(MatchError) as refused:  # it said: two records of one source
        merge_by_hand(org, "u1", work, actor="admin")
    assert str(refused.value) == f"HPU:u1 is in work {work} already"


def test_one_word_another_waits_for_review_and_initials_find_the_full_name(org, lib, write_csv):
    """QA 22: "vật liệu nano bạc" and "... nano vàng" by one author in one year merged at 0.95 (the work showed
    only the first); "Đỗ V. Hùng" and "Đỗ Văn Hùng", with "tại Cát Bà" / "ở Cát Bà", were never compared."""
    report = dict(dc_type="Báo cáo kết quả nghiên cứu", dc_date_issued="2019", dc_contributor_author="Ngô Văn Hải")
    hung = dict(report, dc_contributor_author="Đỗ Văn Hùng")
    import_file(write_csv([row("Nghiên cứu chế tạo vật liệu nano bạc", id="A8", **report),
                           row("Bảo tồn rùa biển tại Cát Bà", id="A9", **hung)], "a.csv"), "HPU")
    found = import_file(write_csv([row("Nghiên cứu chế tạo vật liệu nano vàng", id="B8", **report),
                                   row("Bảo tồn rùa biển ở Cát Bà", id="B9",
                                       **dict(report, dc_contributor_author="Đỗ V. Hùng"))], "b.csv"), "LIB")
    assert (found.new, found.merged, found.review) == (2, 1, 1)
    pair = Match.objects.get(status="review")
    assert pair.local_id == "B8" and pair.reasons[-1] == "other words in the titles (vàng / bạc)"
    assert Holding.objects.get(local_id="B9").work_id == Holding.objects.get(local_id="A9").work_id


@pytest.fixture
def third(org):
    return add_organisation("VMU", "Trường Đại học Hàng hải Việt Nam", kind="university", member=True)


TWIN = "Nghiên cứu đa dạng sinh học rạn san hô đảo Cát Bà"


def test_a_record_like_one_that_joined_a_work_joins_it_whatever_its_description_says_now(
        org, lib, third, write_csv):
    """QA 21 (D4): a record was compared with its work's description only; once the first holder corrected
    the year, the exact twin of another holder's record became a work of its own."""
    first = write_csv([row(TWIN, id="u1", **THESIS)], "u.csv")
    import_file(first, "HPU")
    import_file(write_csv([row(TWIN, id="L1", **THESIS)], "l.csv"), "LIB")
    work = Work.objects.get()
    import_file(write_csv([row(TWIN, id="u1", **dict(THESIS, dc_date_issued="2017"))], "u.csv"), "HPU")
    work.refresh_from_db()
    assert work.year == 2017  # its first holder's record describes it
    report = import_file(write_csv([row(TWIN, id="V1", **THESIS)], "v.csv"), "VMU")
    assert report.merged == 1 and Work.objects.count() == 1
    assert sorted(work.holdings.values_list("organisation__code", flat=True)) == ["HPU", "LIB", "VMU"]


def test_a_joined_records_own_update_is_what_later_records_are_compared_with(org, lib, third, write_csv):
    import_file(write_csv([row(TWIN, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row(TWIN, id="L1", **THESIS)], "l.csv"), "LIB")
    import_file(write_csv([row(TWIN + " (bản sửa)", id="L1", **dict(THESIS, dc_date_issued="2018"))], "l.csv"),
                "LIB")
    assert Holding.objects.get(organisation__code="LIB").matching["year"] == 2018
    assert Work.objects.get().year == 2016  # another holder's update never rewrites the work
    report = import_file(write_csv([row(TWIN + " (bản sửa)", id="V1", **dict(THESIS, dc_date_issued="2018"))],
                                   "v.csv"), "VMU")
    assert report.merged == 1 and Work.objects.count() == 1


def test_a_record_split_off_or_describing_its_work_keeps_no_keys_of_its_own(org, lib, third, write_csv):
    from stinet.catalog.models import WorkKey

    import_file(write_csv([row(TWIN, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row(TWIN, id="L1", **THESIS)], "l.csv"), "LIB")
    library = Holding.objects.get(organisation__code="LIB")
    assert library.matching["title"] == TWIN and WorkKey.objects.filter(holding=library).exists()
    split(lib, "L1", actor="admin")
    library.refresh_from_db()
    assert library.matching is None and not WorkKey.objects.filter(holding__isnull=False).exists()
    old = Holding.objects.get(organisation__code="HPU").work_id
    merge_by_hand(lib, "L1", old, actor="admin")  # joins again: its record is what its own work said
    library.refresh_from_db()
    assert library.matching["title"] == TWIN and set(WorkKey.objects.filter(holding=library)
                                                     .values_list("work_id", flat=True)) == {old}
    Holding.objects.get(organisation__code="HPU").delete()  # the first record goes: the library's describes
    from stinet.catalog.rebuild import rebuild

    assert rebuild(Work.objects.get(pk=old), "admin")
    library.refresh_from_db()
    assert library.matching is None and not WorkKey.objects.filter(holding__isnull=False).exists()
