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
