"""A merged work is described by its primary record; hand decisions keep what hangs on works."""

from __future__ import annotations

import pytest

from stinet.catalog.dedup import merge_by_hand, split
from stinet.catalog.models import AuditEntry, Holding, Match, Work, WorkFile
from stinet.catalog.services import add_organisation, remove_holding
from stinet.ingest.services import import_file
from tests.conftest import row

pytestmark = pytest.mark.django_db
THESIS = dict(dc_type="Luận văn thạc sĩ", dc_date_issued="2016", dc_contributor_author="Nguyễn Văn Quyết",
              thesis_degree_name="Thạc sĩ Sinh học")
TITLE = "Nghiên cứu nuôi trồng rong sụn tại Cát Bà"
PLAIN = dict(THESIS, dc_contributor_author="NGUYEN VAN QUYET")


@pytest.fixture
def lib(org):
    return add_organisation("LIB", "Thư viện Khoa học tổng hợp", kind="library", member=True)


@pytest.fixture
def merged(org, lib, write_csv):
    """HPU's record with diacritics, then the library's copy in capitals without them: one work."""
    import_file(write_csv([row(TITLE, id="u1", dc_description_abstract="Tóm tắt của trường.", **THESIS)], "u.csv"),
                "HPU")
    report = import_file(write_csv([row("NGHIEN CUU NUOI TRONG RONG SUN TAI CAT BA", id="L1", **PLAIN)], "l.csv"),
                         "LIB")
    assert report.merged == 1
    return Work.objects.get()


def test_another_holders_update_changes_its_holding_not_the_work(merged, write_csv):
    changed = row("NGHIEN CUU NUOI TRONG RONG SUN TAI CAT BA", id="L1", dc_description_abstract="Them tom tat",
                  **dict(PLAIN, dc_date_issued="2017"))
    assert import_file(write_csv([changed], "l2.csv"), "LIB").updated == 1
    work = Work.objects.get()
    assert (work.title, work.year, work.abstract) == (TITLE, 2016, "Tóm tắt của trường.")
    assert work.creators[0]["name"] == "Nguyễn Văn Quyết"
    assert Holding.objects.get(local_id="L1").source.payload["dc.date.issued"] == "2017"


def test_the_primary_holders_update_changes_the_work(merged, write_csv):
    changed = row(TITLE + " (bản sửa)", id="u1", dc_description_abstract="Tóm tắt mới.", **THESIS)
    import_file(write_csv([changed], "u2.csv"), "HPU")
    work = Work.objects.get()
    assert (work.title, work.abstract) == (TITLE + " (bản sửa)", "Tóm tắt mới.")


def test_when_the_describing_record_goes_the_next_one_describes_the_work(merged, org):
    assert remove_holding(org, "u1", actor="harvest") == ("holding-deleted", merged.pk)
    work = Work.objects.get()
    assert work.title == "NGHIEN CUU NUOI TRONG RONG SUN TAI CAT BA" and work.abstract == ""
    assert work.creators[0]["name"] == "Nguyen Van Quyet"


def test_a_record_split_off_takes_its_own_description(merged, lib, org):
    old, new = split(org, "u1", actor="admin")  # the describing record leaves
    assert Work.objects.get(pk=new).title == TITLE and Work.objects.get(pk=new).abstract == "Tóm tắt của trường."
    assert Work.objects.get(pk=old).title == "NGHIEN CUU NUOI TRONG RONG SUN TAI CAT BA"
    assert Work.objects.get(pk=old).abstract == ""


def test_a_record_split_off_takes_its_files_and_the_work_keeps_the_others(merged, lib, org, settings, tmp_path):
    """LIB's file was attached for LIB's record: it goes where the record goes (it stayed on the work LIB
    no longer held, shown and searched there)."""
    from stinet.catalog.files import attach_file

    settings.MEDIA_ROOT = tmp_path / "media"
    ours = attach_file(merged.pk, b"Toan van cua truong.", "truong.txt", org_code="HPU")
    theirs = attach_file(merged.pk, b"Ban sao cua thu vien.", "thuvien.txt", org_code="LIB")
    old, new = split(lib, "L1", actor="admin")
    assert WorkFile.objects.get(pk=theirs.pk).work_id == new and WorkFile.objects.get(pk=ours.pk).work_id == old
    moved = AuditEntry.objects.get(action="file-change", object_id=str(theirs.pk))
    assert (moved.before, moved.after) == ({"work": old}, {"work": new})


def test_a_record_merged_by_hand_out_of_a_shared_work_takes_its_files(org, lib, write_csv, tmp_path, settings):
    from stinet.catalog.files import attach_file

    settings.MEDIA_ROOT = tmp_path / "media"
    third = add_organisation("VMU", "Trường Đại học Hàng hải", kind="university", member=True)
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    Holding.objects.create(work=old, organisation=third, local_id="V1")  # another member holds LIB's work too
    theirs = attach_file(old.pk, b"Ban sao cua thu vien.", "thuvien.txt", org_code="LIB")
    kept = attach_file(old.pk, b"Ban cua hang hai.", "hanghai.txt", org_code="VMU")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    assert WorkFile.objects.get(pk=theirs.pk).work_id == target.pk
    assert WorkFile.objects.get(pk=kept.pk).work_id == old.pk


def test_a_merge_keeps_the_text_a_dropped_copy_had_read(org, lib, write_csv, tmp_path, settings):
    """The copy kept was a scan never read; the dropped one had been read by OCR: its text stays."""
    from stinet.catalog.files import attach_file

    settings.MEDIA_ROOT = tmp_path / "media"
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    data = b"Toan van luan van ve rong sun."
    kept = attach_file(target.pk, data, "a.txt", access="members")
    dropped = attach_file(old.pk, data, "b.txt")
    WorkFile.objects.filter(pk=kept.pk).update(text="", text_status="scanned")
    WorkFile.objects.filter(pk=dropped.pk).update(text="Rong sụn đọc bằng OCR", text_status="ocr")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    kept.refresh_from_db()
    assert (kept.text, kept.text_status, kept.access) == ("Rong sụn đọc bằng OCR", "ocr", "members")


def test_a_hand_merge_keeps_files_expert_links_and_task_results(org, lib, write_csv, tmp_path, settings):
    from stinet.catalog.files import attach_file
    from stinet.oai.services import record_deletion  # noqa: F401 - the tombstone is read back below
    from stinet.people.models import ExpertWork
    from stinet.people.services import create_expert
    from stinet.tasks.models import Task

    settings.MEDIA_ROOT = tmp_path / "media"
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    attach_file(old.pk, b"Toan van luan van ve rong sun.", "luanvan.txt")
    expert = create_expert("Nguyễn Văn Quyết")
    ExpertWork.objects.update_or_create(expert=expert, work=old, defaults={"status": "confirmed"})
    ExpertWork.objects.update_or_create(expert=expert, work=target, defaults={"status": "suggested"})
    task = Task.objects.create(code="ĐT-2024-001", title="Rong sụn", year=2024, result_work=old)
    Match.objects.create(work=target, organisation=lib, local_id="L1", score=0.8, status="review")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    assert not Work.objects.filter(pk=old.pk).exists()
    assert list(WorkFile.objects.values_list("work_id", "original_name")) == [(target.pk, "luanvan.txt")]
    moved = AuditEntry.objects.get(action="file-change")
    assert (moved.actor_label, moved.before, moved.after) == ("admin", {"work": old.pk}, {"work": target.pk})
    assert list(ExpertWork.objects.values_list("work_id", "status")) == [(target.pk, "confirmed")]
    assert Task.objects.get(pk=task.pk).result_work_id == target.pk
    assert not Match.objects.filter(local_id="L1", status="review").exists()


def test_the_tombstone_of_a_work_merged_away_keeps_the_members_set(org, lib, write_csv, client):
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    answer = client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "org:LIB"})
    text = answer.content.decode()
    assert f"work/{old.pk}</identifier>" in text and 'status="deleted"' in text


def test_the_address_of_a_work_merged_away_leads_to_the_work_it_joined(org, lib, write_csv, client):
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    answer = client.get(f"/works/{old.pk}/", {"lang": "en"})
    assert answer.status_code == 301 and answer["Location"] == f"/works/{target.pk}/?lang=en"
    assert client.get(f"/works/{old.pk + 1000}/").status_code == 404
    # QA 16b: the API and the citation links of the old id were a plain 404
    answer = client.get(f"/api/works/{old.pk}", {"lang": "en"})
    assert answer.status_code == 301 and answer["Location"] == f"/api/works/{target.pk}?lang=en"
    assert client.get(f"/api/works/{old.pk}", follow=True).json()["id"] == target.pk
    answer = client.get(f"/works/{old.pk}/cite.ris")
    assert answer.status_code == 301 and answer["Location"] == f"/works/{target.pk}/cite.ris"
    assert client.get(f"/api/works/{old.pk + 1000}").status_code == 404
    assert client.get(f"/works/{old.pk + 1000}/cite.bib").status_code == 404


def test_listing_the_files_of_a_work_that_is_gone_says_so(org, lib, write_csv):
    from click.testing import CliRunner

    from stinet.cli import main

    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    out = CliRunner().invoke(main, ["files", "list", str(old.pk)])
    assert out.exit_code == 1 and out.output.strip() == (
        f"stinet: error: không có tài liệu {old.pk} (đã được gộp vào tài liệu {target.pk})")
    assert CliRunner().invoke(main, ["files", "list", str(target.pk)]).exit_code == 0


def test_a_record_merged_in_by_hand_does_not_take_over_the_description(org, lib, write_csv):
    """The library's record is older than the university's, yet the work it joins keeps its own
    description: the university's updates still describe it, the library's do not."""
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    target = Work.objects.get(title=TITLE)
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    import_file(write_csv([row(TITLE + " (sửa)", id="u1", **THESIS)], "u2.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà (LIB sửa)", id="L1", **THESIS)], "l2.csv"), "LIB")
    assert Work.objects.get(pk=target.pk).title == TITLE + " (sửa)"


def test_a_hand_merge_keeps_the_copy_of_the_work_merged_into_as_its_holder_set_it(org, lib, write_csv, tmp_path,
                                                                                   settings):
    """HPU's copy is for members only, closed until 2030; LIB's identical copy is public: merging LIB's
    record into HPU's work must not open HPU's file (it did: the more open of the two, no embargo)."""
    from stinet.catalog.files import attach_file
    from stinet.people.models import ExpertWork
    from stinet.people.services import create_expert

    settings.MEDIA_ROOT = tmp_path / "media"
    import_file(write_csv([row(TITLE, id="u1", **THESIS)], "u.csv"), "HPU")
    import_file(write_csv([row("Rong sụn ở Cát Bà: kỹ thuật nuôi trồng", id="L1", **THESIS)], "l.csv"), "LIB")
    target, old = Work.objects.get(title=TITLE), Work.objects.get(title__startswith="Rong")
    data = b"Toan van luan van ve rong sun."
    attach_file(target.pk, data, "a.txt", access="members", embargo="2030-01-01")
    attach_file(old.pk, data, "b.txt", access="public")
    expert = create_expert("Nguyễn Văn Quyết")
    ExpertWork.objects.update_or_create(expert=expert, work=old, defaults={"status": "rejected"})
    ExpertWork.objects.update_or_create(expert=expert, work=target, defaults={"status": "suggested"})
    merge_by_hand(lib, "L1", target.pk, actor="admin")
    kept = WorkFile.objects.select_related("organisation").get()
    assert (kept.work_id, kept.organisation.code, kept.access) == (target.pk, "HPU", "members")
    assert kept.embargo_until.isoformat() == "2030-01-01"
    assert list(ExpertWork.objects.values_list("work_id", "status")) == [(target.pk, "rejected")]
    dropped = AuditEntry.objects.get(action="file-delete")
    assert (dropped.actor_label, dropped.before["org"], dropped.before["access"]) == ("admin", "LIB", "public")
    assert dropped.after == {"merged_into": target.pk, "kept": kept.pk}


def test_a_record_is_read_again_in_the_legacy_encoding_of_its_file(org, write_csv):
    """A TCVN3 file's record titled "Sè" is "Số" on import (the rows around it are TCVN3); read again
    to describe a work (a rebuild, a split), it must not come back as the Unicode word "Sè"."""
    from stinet.catalog.rebuild import record_values
    from stinet.vietnamese import encode

    titles = ["Nghiên cứu cây chè Shan tuyết", "Đánh giá hiện trạng rạn san hô", "Kỹ thuật nuôi trồng thủy sản",
              "Số"]
    rows = [row(encode(t, "tcvn3"), id=f"t{i}", dc_date_issued="2015") for i, t in enumerate(titles)]
    import_file(write_csv(rows, "tcvn3.csv"), "HPU")
    holding = Holding.objects.get(local_id="t3")
    assert holding.work.title == "Số"
    assert record_values(holding.source).work["title"] == "Số"
