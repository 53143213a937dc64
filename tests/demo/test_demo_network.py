"""The demo network built through the real import path: members, works, and merged twins."""

from __future__ import annotations

from collections import defaultdict

import pytest

from stinet.catalog.models import Holding, Organisation, Work
from stinet.demo.load import load_demo

pytestmark = pytest.mark.django_db


def test_demo_network_merges_the_copies_members_share(tmp_path):
    lines = list(load_demo(1500, folder=tmp_path))
    assert any(line.startswith("mạng lưới mẫu đã sẵn sàng: 9 thành viên") for line in lines)
    assert Organisation.objects.filter(is_member=True).count() == 9
    pair_works: dict[str, set[int]] = defaultdict(set)
    work_keys: dict[int, list[str]] = defaultdict(list)
    for holding in Holding.objects.select_related("source"):
        key = holding.source.payload.get("demo.pair", "")
        if key:
            pair_works[key].add(holding.work_id)
        work_keys[holding.work_id].append(key)
    merged = [keys for keys in work_keys.values() if len(keys) > 1]
    right = [keys for keys in merged if len(set(keys)) == 1 and keys[0]]
    recall = sum(1 for works in pair_works.values() if len(works) == 1) / len(pair_works)
    assert len(pair_works) > 50 and recall >= 0.98, recall
    assert len(right) / len(merged) >= 0.98
    assert Work.objects.count() == Holding.objects.count() - sum(len(keys) - 1 for keys in merged)
    again = list(load_demo(10))
    assert again == [f"mục lục đã có {Work.objects.count()} tài liệu; không nạp lại dữ liệu mẫu"]


def test_a_demo_stopped_during_its_imports_is_resumed_by_the_next_run(tmp_path):
    """A Ctrl-C during `stinet demo` left a part of the network, and the next run said the catalogue had works
    and loaded nothing more: it resumes now, the files stored whole and the other demo data added."""
    from contextlib import contextmanager

    from django.contrib.auth import get_user_model

    from stinet.ingest.services import import_file

    @contextmanager
    def stopping_bar(count, name):
        class Bar:
            n = 0

            def update(self, k):
                if name == "IMER.csv":  # the third member's file
                    raise KeyboardInterrupt
                self.n += k
        yield Bar()

    with pytest.raises(KeyboardInterrupt):
        list(load_demo(400, progress_bar=stopping_bar, folder=tmp_path))
    stopped = Work.objects.count()
    assert stopped and not get_user_model().objects.exists()
    lines = list(load_demo(400, folder=tmp_path))
    assert lines[0] == f"tiếp tục nạp mạng lưới mẫu, đã dừng ở {stopped} tài liệu"
    assert any(line.startswith("mạng lưới mẫu đã sẵn sàng: 9 thành viên") for line in lines)
    assert Work.objects.count() > stopped and get_user_model().objects.filter(username="quantri").exists()
    for code in Organisation.objects.filter(is_member=True).values_list("code", flat=True):
        report = import_file(tmp_path / f"{code}.csv", code)  # every row of every file stored already
        assert report.unchanged and not report.new and not report.updated, code
    assert list(load_demo(10, folder=tmp_path)) == [
        f"mục lục đã có {Work.objects.count()} tài liệu; không nạp lại dữ liệu mẫu"]
