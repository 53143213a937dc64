"""Vietnamese personal names with realistic frequencies, for demo data."""

from __future__ import annotations

# Family names with approximate national shares (per cent); Nguyễn is ~38%.
FAMILY_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 38.4), ("Trần", 11.0), ("Lê", 9.5), ("Phạm", 7.1), ("Hoàng", 3.6),
    ("Huỳnh", 1.2), ("Phan", 4.5), ("Vũ", 3.2), ("Võ", 0.8), ("Đặng", 2.1), ("Bùi", 2.0),
    ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1.0), ("Lý", 0.5), ("Đinh", 0.9),
    ("Đoàn", 0.8), ("Lương", 0.6), ("Trịnh", 0.7), ("Mai", 0.5), ("Cao", 0.6),
    ("Đào", 0.8), ("Lưu", 0.4), ("Tạ", 0.3), ("Phùng", 0.3), ("Vương", 0.2), ("Hà", 0.5),
    ("Lại", 0.2), ("Tô", 0.3), ("Nghiêm", 0.1), ("Khúc", 0.1), ("Quách", 0.1),
    ("Chu", 0.2), ("Kiều", 0.1), ("Lâm", 0.3), ("Trương", 0.6), ("Đồng", 0.1),
)

MALE_MIDDLE: tuple[str, ...] = (
    "Văn", "Văn", "Văn", "Văn", "Hữu", "Đức", "Đức", "Minh", "Quang", "Xuân", "Mạnh",
    "Công", "Thành", "Tiến", "Trọng", "Ngọc", "Thanh", "Đình", "Duy", "Hoàng", "Việt",
    "Anh", "Quốc", "Huy", "Hải", "Trung", "Bá", "Khắc",
)
FEMALE_MIDDLE: tuple[str, ...] = (
    "Thị", "Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng",
    "Kim", "Bích", "Diệu", "Thùy", "Hải", "Lan", "Mai", "Quỳnh", "Hoài", "Khánh",
)
# Second middle names of the "Nguyễn Thị Thu Hà" pattern.
FEMALE_MIDDLE2: tuple[str, ...] = ("Thu", "Thanh", "Minh", "Ngọc", "Hồng", "Kim", "Hải", "Mai")

MALE_GIVEN: tuple[str, ...] = (
    "An", "Anh", "Bình", "Cường", "Chiến", "Dũng", "Dương", "Đạt", "Đông", "Giang", "Hải",
    "Hiếu", "Hiệp", "Hoàng", "Hùng", "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long",
    "Lợi", "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng",
    "Thành", "Thịnh", "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hào", "Hòa",
    "Lực", "Tâm", "Thái", "Thuận", "Tiến", "Trường",
)
FEMALE_GIVEN: tuple[str, ...] = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Huyền", "Hương",
    "Hường", "Lan", "Liên", "Linh", "Loan", "Mai", "Ngân", "Nga", "Ngọc", "Nhung", "Oanh",
    "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Thơ", "Thu",
    "Hạnh", "Duyên", "Lý", "Huệ", "Nguyệt", "Thoa", "Hậu", "Vy",
)

RESEARCHER_TITLES: tuple[tuple[str, float], ...] = (
    ("GS.TS.", 4), ("PGS.TS.", 20), ("TS.", 46), ("ThS.", 30),
)


def split_name(full: str) -> tuple[str, str]:
    """Split a Vietnamese full name into (family name, middle and given names)."""
    family, _, rest = full.partition(" ")
    return family, rest


def inverted(full: str) -> str:
    """Write a name the DSpace/library way: "Nguyễn, Văn An"."""
    family, rest = split_name(full)
    return f"{family}, {rest}" if rest else family
