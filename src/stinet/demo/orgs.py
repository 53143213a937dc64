"""The demo network's organisations, fields of science and who holds what."""

from __future__ import annotations


def _org(code: str, name_vi: str, name_en: str, kind: str, website: str, member: bool,
         province: str = "Hải Phòng") -> dict:
    """Build one organisation record."""
    return {
        "code": code,
        "name_vi": name_vi,
        "name_en": name_en,
        "kind": kind,
        "province": province,
        "website": website,
        "member": member,
    }


ORGANISATIONS: list[dict] = [
    _org(
        "DHHP",
        "Trường Đại học Hải Phòng",
        "Hai Phong University",
        "university",
        "https://dhhp.example.edu.vn",
        True,
    ),
    _org(
        "VMU",
        "Trường Đại học Hàng hải Việt Nam",
        "Vietnam Maritime University",
        "university",
        "https://vmu.example.edu.vn",
        True,
    ),
    _org(
        "HPMU",
        "Trường Đại học Y Dược Hải Phòng",
        "Hai Phong University of Medicine and Pharmacy",
        "university",
        "https://hpmu.example.edu.vn",
        True,
    ),
    _org(
        "IMER",
        "Viện Tài nguyên và Môi trường biển",
        "Institute of Marine Environment and Resources",
        "institute",
        "https://imer.example.ac.vn",
        True,
    ),
    _org(
        "HPLIB",
        "Thư viện Khoa học tổng hợp Hải Phòng",
        "Hai Phong General Sciences Library",
        "library",
        "https://thuvien.haiphong.example.gov.vn",
        True,
    ),
    _org(
        "HPCIS",
        "Trung tâm Thông tin, Thống kê khoa học và công nghệ Hải Phòng",
        "Hai Phong Centre for Science and Technology Information and Statistics",
        "centre",
        "https://cis.haiphong.example.gov.vn",
        True,
    ),
    _org(
        "VTH",
        "Bệnh viện Hữu nghị Việt Tiệp",
        "Viet Tiep Friendship Hospital",
        "hospital",
        "https://viettiep.example.gov.vn",
        True,
    ),
    _org(
        "HPUMT",
        "Trường Đại học Quản lý và Công nghệ Hải Phòng",
        "Hai Phong University of Management and Technology",
        "university",
        "https://hpumt.example.edu.vn",
        True,
    ),
    _org(
        "HPCAT",
        "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Hải Phòng",
        "Hai Phong Centre for Applying Science and Technology Advances",
        "centre",
        "https://ungdung.haiphong.example.gov.vn",
        True,
    ),
    _org(
        "HPDOST",
        "Sở Khoa học và Công nghệ Hải Phòng",
        "Hai Phong Department of Science and Technology",
        "agency",
        "https://sokhcn.haiphong.example.gov.vn",
        False,
    ),
    _org(
        "NASATI",
        "Cục Thông tin khoa học và công nghệ quốc gia",
        "National Agency for Science and Technology Information",
        "agency",
        "https://nasati.example.gov.vn",
        False,
        "Hà Nội",
    ),
    _org(
        "VAST",
        "Viện Hàn lâm Khoa học và Công nghệ Việt Nam",
        "Vietnam Academy of Science and Technology",
        "institute",
        "https://vast.example.ac.vn",
        False,
        "Hà Nội",
    ),
]
MEMBERS: list[dict] = [o for o in ORGANISATIONS if o["member"]]
ORG_BY_CODE: dict[str, dict] = {o["code"]: o for o in ORGANISATIONS}
HUB = "HPCIS"
LIBRARY = "HPLIB"

# Level-2 codes (three digits) of the six fields of science that the demo uses
# (Decision 12/2008/QĐ-BKHCN, kept at level 2 by Circular 24/2025/TT-BKHCN).
FIELDS_OF_SCIENCE: dict[str, str] = {
    "1": "Khoa học tự nhiên",
    "2": "Khoa học kỹ thuật và công nghệ",
    "3": "Khoa học y, dược",
    "4": "Khoa học nông nghiệp",
    "5": "Khoa học xã hội",
    "6": "Khoa học nhân văn",
    "102": "Khoa học máy tính và thông tin",
    "105": "Khoa học trái đất và môi trường liên quan",
    "106": "Sinh học",
    "201": "Kỹ thuật dân dụng",
    "202": "Kỹ thuật điện, kỹ thuật điện tử, kỹ thuật thông tin",
    "203": "Kỹ thuật cơ khí",
    "205": "Kỹ thuật vật liệu và luyện kim",
    "207": "Kỹ thuật môi trường",
    "208": "Công nghệ sinh học môi trường",
    "212": "Khoa học kỹ thuật và công nghệ khác",
    "301": "Y học cơ sở",
    "302": "Y học lâm sàng",
    "303": "Dược học",
    "305": "Khoa học sức khỏe",
    "401": "Trồng trọt",
    "402": "Chăn nuôi",
    "405": "Thủy sản",
    "406": "Công nghệ sinh học trong nông nghiệp",
    "502": "Kinh tế và kinh doanh",
    "503": "Khoa học giáo dục",
    "505": "Pháp luật",
    "506": "Khoa học chính trị",
    "507": "Địa lý kinh tế và xã hội",
    "509": "Khoa học xã hội khác",
    "601": "Lịch sử và khảo cổ học",
    "602": "Ngôn ngữ học và văn học",
    "604": "Nghệ thuật",
    "605": "Khoa học nhân văn khác",
}

# Share of works by type (the seed portal: 28% reports, 72% theses and dissertations).
TYPE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("report", 27.5),
    ("thesis", 61.8),
    ("dissertation", 6.9),
    ("article", 2.0),
    ("book", 0.8),
    ("conference", 0.5),
    ("patent", 0.2),
    ("standard", 0.15),
    ("dataset", 0.15),
)

# Which member holds a work of a given type.
TYPE_HOLDERS: dict[str, tuple[tuple[str, float], ...]] = {
    "report": (
        ("HPCIS", 34),
        ("IMER", 16),
        ("VMU", 12),
        ("HPMU", 8),
        ("VTH", 8),
        ("DHHP", 8),
        ("HPCAT", 10),
        ("HPUMT", 3),
        ("HPLIB", 1),
    ),
    "thesis": (("VMU", 36), ("DHHP", 28), ("HPMU", 20), ("HPUMT", 10), ("HPLIB", 5), ("IMER", 1)),
    "dissertation": (("HPMU", 40), ("VMU", 30), ("IMER", 15), ("DHHP", 10), ("HPLIB", 5)),
    "article": (("IMER", 30), ("VMU", 20), ("HPMU", 15), ("VTH", 15), ("DHHP", 10), ("HPUMT", 10)),
    "book": (("HPLIB", 50), ("VMU", 15), ("DHHP", 15), ("HPMU", 10), ("HPCIS", 10)),
    "conference": (("VMU", 30), ("IMER", 20), ("VTH", 20), ("DHHP", 15), ("HPCIS", 15)),
    "patent": (("HPCIS", 50), ("VMU", 30), ("HPCAT", 20)),
    "standard": (("HPCIS", 70), ("VMU", 30)),
    "dataset": (("IMER", 70), ("HPCIS", 30)),
}

# Topic domains of each member's works.
ORG_DOMAINS: dict[str, tuple[tuple[str, float], ...]] = {
    "VMU": (
        ("maritime", 35),
        ("logistics", 20),
        ("engineering", 15),
        ("it", 12),
        ("economics", 10),
        ("environment", 5),
        ("law", 3),
    ),
    "DHHP": (
        ("economics", 25),
        ("education", 20),
        ("culture", 12),
        ("linguistics", 12),
        ("it", 8),
        ("agriculture", 8),
        ("law", 8),
        ("logistics", 7),
    ),
    "HPMU": (("medicine", 1),),
    "VTH": (("medicine", 1),),
    "IMER": (("ocean", 70), ("environment", 25), ("agriculture", 5)),
    "HPLIB": (
        ("culture", 30),
        ("economics", 15),
        ("education", 10),
        ("law", 10),
        ("maritime", 10),
        ("medicine", 10),
        ("agriculture", 5),
        ("ocean", 5),
        ("linguistics", 5),
    ),
    "HPCIS": (
        ("economics", 15),
        ("agriculture", 15),
        ("environment", 15),
        ("medicine", 10),
        ("ocean", 10),
        ("maritime", 10),
        ("it", 8),
        ("culture", 7),
        ("engineering", 5),
        ("education", 5),
    ),
    "HPUMT": (
        ("it", 30),
        ("economics", 25),
        ("environment", 20),
        ("linguistics", 15),
        ("engineering", 10),
    ),
    "HPCAT": (("agriculture", 70), ("environment", 20), ("ocean", 10)),
}

# Local identifier prefixes for each type, per member style.
TYPE_ABBR: dict[str, str] = {
    "report": "BC",
    "thesis": "LV",
    "dissertation": "LA",
    "article": "BB",
    "book": "S",
    "conference": "KY",
    "patent": "SC",
    "standard": "TC",
    "dataset": "DL",
}
HANDLE_PREFIX: dict[str, str] = {
    "DHHP": "123456789",
    "VMU": "123456789",
    "HPMU": "11536",
    "IMER": "20.500.12365",
    "HPLIB": "",
    "HPCIS": "HPCIS",
    "VTH": "123456789",
    "HPUMT": "123456789",
    "HPCAT": "99999",
}
