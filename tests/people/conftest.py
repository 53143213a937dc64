"""Fixtures of the people tests: a catalogue with one scientist's name written many ways, and users."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import row

PASSWORD = "a-Long-password-2026"

# Works of "Nguyễn Văn An" written four ways, a namesake, and other people.
PEOPLE_ROWS = [
    row("Đa dạng sinh học rạn san hô Cát Bà", id="P1", dc_type="Bài báo", dc_date_issued="2015",
        dc_contributor_author="PGS.TS. Nguyễn Văn An||Lê Thị Hoa", dc_subject="san hô"),
    row("Phục hồi rạn san hô vịnh Hạ Long", id="P2", dc_type="Báo cáo kết quả nghiên cứu", dc_date_issued="2018",
        dc_contributor_author="NGUYEN VAN AN", dc_subject="san hô||phục hồi"),
    row("Tẩy trắng san hô do nhiệt độ nước biển", id="P3", dc_type="Bài hội nghị", dc_date_issued="2020",
        dc_contributor_author="Nguyễn V. An", dc_subject="san hô"),
    row("Quản lý cảng cá Hải Phòng", id="P4", dc_type="Luận văn thạc sĩ", dc_date_issued="2019",
        dc_contributor_author="Phạm Thu Trang", dc_contributor_advisor="Nguyễn, Văn An", dc_subject="cảng cá"),
    row("San hô mềm ở Long Châu", id="P5", dc_type="Bài báo", dc_date_issued="2017",
        dc_contributor_author="Trần Thị Bình", dc_subject="san hô"),
    row("Rừng ngập mặn Tiên Lãng", id="P6", dc_type="Bài báo", dc_date_issued="2016",
        dc_contributor_author="Nguyễn Văn Anh", dc_subject="rừng ngập mặn"),
    row("Giáo dục môi trường biển cho học sinh", id="P7", dc_type="Bài báo", dc_date_issued="2021",
        dc_contributor_author="Nguyễn Thị An||Trần Văn An", dc_subject="giáo dục"),
    row("Sản xuất chế phẩm sinh học cho hộ gia đình", id="P8", dc_type="Bài báo", dc_date_issued="2022",
        dc_contributor_author="Trần Thị Bình", dc_subject="chế phẩm sinh học"),  # "san ho" word by word
]


@pytest.fixture
def people_catalogue(org: Any, write_csv: Callable[..., Path]) -> dict[str, int]:
    """The works above imported for HPU; returns local id -> work id."""
    from stinet.catalog.models import Holding
    from stinet.ingest.services import import_file

    import_file(write_csv(PEOPLE_ROWS, "people.csv"), "HPU")
    return dict(Holding.objects.filter(organisation=org).values_list("local_id", "work_id"))


def make_user(username: str, *roles: str) -> Any:
    """A user with a password and roles."""
    from stinet.accounts.services import create_user, grant

    user = create_user(username, PASSWORD, full_name="")
    for role in roles:
        grant(user, role)
    return user


@pytest.fixture
def scientist(db: Any) -> Any:
    """A user with the scientist role and no profile yet."""
    return make_user("nkh_an", "scientist")


@pytest.fixture
def other_scientist(db: Any) -> Any:
    """Another scientist, with a profile of their own."""
    from stinet.people.services import create_expert

    user = make_user("nkh_binh", "scientist")
    create_expert("Trần Thị Bình", account=user)
    return user


@pytest.fixture
def admin(db: Any) -> Any:
    """A network administrator."""
    return make_user("quantri_test", "network_admin")


@pytest.fixture
def an(people_catalogue: dict[str, int], scientist: Any) -> Any:
    """Nguyễn Văn An's profile, linked to the scientist, works suggested; contact hidden."""
    from stinet.people.services import create_expert, suggest_works

    expert = create_expert("PGS.TS. Nguyễn Văn An", account=scientist, organisation="HPU", fields=["1"],
                           email="an@example.edu.vn", phone="0225 3123456", show_contact=False,
                           interests="Rạn san hô, sinh thái biển")
    suggest_works(expert)
    return expert
