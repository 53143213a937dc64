"""Where a study was done: the case or site that large generated catalogues add to titles.

A few hundred title templates are plenty for the demo network, but at benchmark sizes
(10^5-10^6 works) every title would recur hundreds of times, which no real catalogue does:
it would make duplicate merging compare unrelated works with identical titles. Real titles
name their site ("... : nghiên cứu trường hợp xã Đại Hợp, huyện Kiến Thụy"), so works past the
demo's size get one (see generator.FRESH_WORKS).
"""

from __future__ import annotations

from collections.abc import Callable

from stinet.demo.text import fold  # marks dropped, case kept: a place name as English texts print it

Rand = Callable[[], float]

_DISTRICTS = (
    ("Kiến Thụy", "Kien Thuy", ("Đại Hợp", "Tú Sơn", "Ngũ Đoan", "Thụy Hương", "Tân Trào", "Đoàn Xá")),
    ("Tiên Lãng", "Tien Lang", ("Vinh Quang", "Tiên Thắng", "Đông Hưng", "Hùng Thắng", "Bắc Hưng", "Tây Hưng")),
    ("Vĩnh Bảo", "Vinh Bao", ("Cổ Am", "Trấn Dương", "Hòa Bình", "Tam Cường", "Vĩnh Long", "Cao Minh")),
    ("An Lão", "An Lao", ("Quốc Tuấn", "Bát Trang", "Trường Thọ", "An Thắng", "Tân Viên", "Mỹ Đức")),
    ("Thủy Nguyên", "Thuy Nguyen", ("Lập Lễ", "Phả Lễ", "Tam Hưng", "Lưu Kiếm", "Gia Đức", "Kỳ Sơn")),
    ("An Dương", "An Duong", ("Lê Thiện", "Đại Bản", "An Hòa", "Hồng Phong", "Đặng Cương", "Quốc Tuấn")),
    ("Cát Hải", "Cat Hai", ("Gia Luận", "Phù Long", "Xuân Đám", "Trân Châu", "Hiền Hào", "Việt Hải")),
    ("Bạch Long Vĩ", "Bach Long Vi", ()),
)
_WARDS = (
    ("Đồ Sơn", "Do Son", ("Vạn Hương", "Ngọc Xuyên", "Minh Đức", "Bàng La")),
    ("Hồng Bàng", "Hong Bang", ("Quán Toan", "Hùng Vương", "Sở Dầu", "Thượng Lý")),
    ("Lê Chân", "Le Chan", ("An Biên", "Dư Hàng Kênh", "Vĩnh Niệm", "Kênh Dương")),
    ("Ngô Quyền", "Ngo Quyen", ("Máy Tơ", "Cầu Tre", "Lạch Tray", "Đông Khê")),
    ("Hải An", "Hai An", ("Đằng Hải", "Nam Hải", "Tràng Cát", "Đông Hải 2")),
    ("Kiến An", "Kien An", ("Bắc Sơn", "Nam Sơn", "Tràng Minh", "Quán Trữ")),
    ("Dương Kinh", "Duong Kinh", ("Anh Dũng", "Hải Thành", "Hòa Nghĩa", "Tân Thành")),
)
_PROVINCES = (
    ("tỉnh Quảng Ninh", "Quang Ninh province"), ("tỉnh Thái Bình", "Thai Binh province"),
    ("tỉnh Hải Dương", "Hai Duong province"), ("tỉnh Nam Định", "Nam Dinh province"),
    ("tỉnh Ninh Bình", "Ninh Binh province"), ("tỉnh Thanh Hóa", "Thanh Hoa province"),
    ("tỉnh Nghệ An", "Nghe An province"), ("tỉnh Hưng Yên", "Hung Yen province"),
)


def _places() -> tuple[tuple[str, str], ...]:
    """Communes and wards of the city, whole districts, and neighbouring provinces."""
    out = []
    for vi, en, communes in _DISTRICTS:
        out.append((f"huyện {vi}, thành phố Hải Phòng", f"{en} district, Hai Phong"))
        out += [(f"xã {c}, huyện {vi}", f"{fold(c)} commune, {en} district") for c in communes]
    for vi, en, wards in _WARDS:
        out.append((f"quận {vi}, thành phố Hải Phòng", f"{en} district, Hai Phong"))
        out += [(f"phường {w}, quận {vi}", f"{fold(w)} ward, {en} district") for w in wards]
    return (*out, *_PROVINCES)


PLACES = _places()
ENTERPRISES = tuple((f"Công ty {vi}", f"{en}") for vi, en in (
    ("cổ phần Cảng Hải Phòng", "Hai Phong Port JSC"), ("cổ phần Nhựa Thiếu niên Tiền Phong", "Tien Phong Plastic JSC"),
    ("TNHH MTV Đóng tàu Phà Rừng", "Pha Rung Shipyard"), ("cổ phần Container Việt Nam", "Viconship"),
    ("cổ phần Vận tải biển Việt Nam", "Vietnam Ocean Shipping JSC"), ("TNHH LG Display Việt Nam Hải Phòng",
                                                                       "LG Display Vietnam Hai Phong"),
    ("cổ phần Xi măng Vicem Hải Phòng", "Vicem Hai Phong Cement"), ("cổ phần Thép Việt - Úc", "Viet-Uc Steel JSC"),
    ("TNHH Bridgestone Tire Việt Nam", "Bridgestone Tire Vietnam"), ("cổ phần Gemadept Hải Phòng",
                                                                     "Gemadept Hai Phong"),
    ("cổ phần Dịch vụ Hàng hải Hải Phòng", "Hai Phong Maritime Services JSC"),
    ("TNHH Cảng Container Quốc tế Hải Phòng", "Hai Phong International Container Terminal"),
    ("cổ phần Dược phẩm Hải Phòng", "Hai Phong Pharmaceutical JSC"), ("cổ phần Thủy sản Hải Phòng",
                                                                      "Hai Phong Seafood JSC"),
    ("TNHH MTV Cấp nước Hải Phòng", "Hai Phong Water Supply Company"), ("cổ phần Điện lực Hải Phòng",
                                                                       "Hai Phong Power Company"),
    ("cổ phần Du lịch Đồ Sơn", "Do Son Tourism JSC"), ("TNHH Kyocera Document Solutions Việt Nam",
                                                       "Kyocera Document Solutions Vietnam"),
))
HOSPITALS = tuple((f"Bệnh viện {vi}", f"{en} Hospital") for vi, en in (
    ("Hữu nghị Việt Tiệp", "Viet Tiep Friendship"), ("Trẻ em Hải Phòng", "Hai Phong Children's"),
    ("Phụ sản Hải Phòng", "Hai Phong Obstetrics and Gynaecology"), ("Kiến An", "Kien An"),
    ("Đa khoa quốc tế Hải Phòng", "Hai Phong International General"), ("Y học cổ truyền Hải Phòng",
                                                                      "Hai Phong Traditional Medicine"),
    ("Đại học Y Hải Phòng", "Hai Phong Medical University"), ("Phổi Hải Phòng", "Hai Phong Lung"),
    ("Mắt Hải Phòng", "Hai Phong Eye"), ("Tâm thần Hải Phòng", "Hai Phong Mental"),
    ("Đa khoa huyện Thủy Nguyên", "Thuy Nguyen District General"), ("Đa khoa huyện Vĩnh Bảo",
                                                                    "Vinh Bao District General"),
))
WATERS = (
    ("luồng Lạch Huyện", "the Lach Huyen channel"), ("vịnh Lan Hạ", "Lan Ha Bay"),
    ("cửa sông Bạch Đằng", "the Bach Dang estuary"), ("đảo Bạch Long Vĩ", "Bach Long Vi island"),
    ("vùng biển Cát Bà", "the Cat Ba sea area"), ("cửa Nam Triệu", "the Nam Trieu mouth"),
    ("cảng Đình Vũ", "Dinh Vu port"), ("vùng triều Tiên Lãng", "the Tien Lang tidal flats"),
    ("cửa sông Văn Úc", "the Van Uc estuary"), ("khu bến cảng Nam Đồ Sơn", "the South Do Son port area"),
)
SCHOOLS = tuple((f"Trường {vi}", en) for vi, en in (
    ("THPT Trần Phú", "Tran Phu High School"), ("THPT Ngô Quyền", "Ngo Quyen High School"),
    ("THPT Thái Phiên", "Thai Phien High School"), ("THCS Chu Văn An", "Chu Van An Lower Secondary School"),
    ("Tiểu học Đông Khê", "Dong Khe Primary School"), ("Cao đẳng Kỹ thuật Công nghiệp Hải Phòng",
                                                     "Hai Phong Industrial College"),
    ("THPT Kiến An", "Kien An High School"), ("THPT Lê Quý Đôn", "Le Quy Don High School"),
))
CASES: dict[str, tuple[tuple[str, str], ...]] = {
    "maritime": ENTERPRISES + WATERS, "engineering": ENTERPRISES, "it": ENTERPRISES,
    "ocean": WATERS + PLACES, "environment": PLACES + WATERS, "agriculture": PLACES,
    "medicine": HOSPITALS, "economics": ENTERPRISES + PLACES, "logistics": ENTERPRISES + WATERS,
    "education": SCHOOLS + PLACES, "law": PLACES + ENTERPRISES, "culture": PLACES, "linguistics": PLACES + SCHOOLS,
}
_FORMS = (
    (": nghiên cứu trường hợp {}", ": a case study of {}"),
    (" (nghiên cứu điểm tại {})", " (a pilot study in {})"),
    (" - thí điểm tại {}", " - piloted in {}"),
)
_AT = ((" tại {}", " at {}"),)  # a hospital is where a clinical study is done, not a "case"
# A title that already names its place (or country) gets a period instead of a second place.
_PLACED = (" tại ", " ở ", "huyện", "quận", "tỉnh", "thành phố", "hải phòng", "việt nam", "địa bàn", "cảng",
           "vịnh", "đảo", "bệnh viện", "trường ")
_TIMED = ("giai đoạn", "đến năm", " năm ")


def with_case(r: Rand, domain: str, year: int, vi: str, en: str) -> tuple[str, str]:
    """The titles (vi, en) with the site or case of the study added, or its period when placed."""
    lower = vi.lower()
    if any(marker in lower for marker in _PLACED):
        if any(marker in lower for marker in _TIMED):
            return vi, en
        end = year - 1 - int(r() * 3)
        start = end - 2 - int(r() * 5)
        return f"{vi} giai đoạn {start}-{end}", f"{en}, {start}-{end}"
    cases = CASES.get(domain) or PLACES
    case_vi, case_en = cases[int(r() * len(cases))]
    forms = _AT if cases is HOSPITALS else _FORMS
    form_vi, form_en = forms[int(r() * len(forms))]
    return vi + form_vi.format(case_vi), en + form_en.format(case_en)
