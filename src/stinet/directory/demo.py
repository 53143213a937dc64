"""Demo data of the directory app, loaded by `stinet demo` after the catalogue.

Profiles of the demo organisations, their information services, two S&T enterprises (not
members) with their certificates, and one request to join waiting for the administrator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.utils.translation import gettext as _

from stinet.catalog.models import Organisation
from stinet.catalog.services import add_organisation
from stinet.directory.models import InfoService, JoinRequest, OrganisationProfile
from stinet.directory.services import add_service, submit_join_request, update_profile

# code -> abbreviation, address, fields of science, one-line description
PROFILES: dict[str, tuple[str, str, list[str], str]] = {
    "DHHP": ("ĐHHP", "171 Phan Đăng Lưu, Kiến An, Hải Phòng", ["5", "503", "1"],
             "Trường đại học đa ngành của thành phố: sư phạm, kinh tế, kỹ thuật, khoa học tự nhiên."),
    "VMU": ("VMU", "484 Lạch Tray, Ngô Quyền, Hải Phòng", ["2", "201", "203", "502"],
            "Trường đại học trọng điểm về hàng hải, đóng tàu, cảng biển và logistics."),
    "HPMU": ("HPMU", "72A Nguyễn Bỉnh Khiêm, Ngô Quyền, Hải Phòng", ["3", "301", "302", "303"],
             "Đào tạo và nghiên cứu y học, dược học, y tế công cộng và y học biển."),
    "IMER": ("IMER", "246 Đà Nẵng, Ngô Quyền, Hải Phòng", ["1", "105", "106", "207"],
             "Nghiên cứu tài nguyên, môi trường và đa dạng sinh học biển, đới bờ và hải đảo."),
    "HPLIB": ("TVKHTH", "35 Minh Khai, Hồng Bàng, Hải Phòng", ["5", "6"],
              "Thư viện công cộng của thành phố: sách, báo, tài liệu địa chí Hải Phòng."),
    "HPCIS": ("CIS", "18 Hoàng Diệu, Hồng Bàng, Hải Phòng", ["2", "5"],
              "Đầu mối mạng lưới thông tin KH&CN Hải Phòng; lưu giữ kết quả nhiệm vụ KH&CN của thành phố."),
    "VTH": ("BVVT", "1 Nhà Thương, Lê Chân, Hải Phòng", ["3", "302"],
            "Bệnh viện đa khoa hạng đặc biệt; nghiên cứu lâm sàng và đào tạo thực hành."),
    "HPUMT": ("HPU", "36 Dân Lập, Lê Chân, Hải Phòng", ["2", "102", "502"],
              "Đào tạo công nghệ thông tin, quản trị kinh doanh, ngôn ngữ và kỹ thuật."),
    "HPCAT": ("TTUD", "Số 8 Lý Tự Trọng, Hồng Bàng, Hải Phòng", ["2", "4", "406"],
              "Ứng dụng, chuyển giao tiến bộ khoa học và công nghệ vào sản xuất và đời sống."),
    "HPDOST": ("Sở KH&CN", "18 Hoàng Diệu, Hồng Bàng, Hải Phòng", [],
               "Cơ quan quản lý nhà nước về khoa học và công nghệ của thành phố."),
}

# (organisation, kind, name, audience, how to ask, fee note or "" when free)
SERVICES: list[tuple[str, str, str, str, str, str]] = [
    ("HPCIS", "lookup", "Tra cứu thông tin KH&CN theo yêu cầu", "Nhà khoa học, doanh nghiệp, cơ quan quản lý",
     "Gửi yêu cầu qua e-mail hoặc đến phòng đọc, tầng 2.", ""),
    ("HPCIS", "document_delivery", "Cung cấp bản sao báo cáo kết quả nhiệm vụ KH&CN",
     "Mọi tổ chức, cá nhân", "Điền phiếu yêu cầu tại phòng đọc hoặc gửi e-mail; nhận bản sao trong 5 ngày làm việc.",
     "Theo biểu phí cung cấp thông tin của Sở KH&CN"),
    ("HPCIS", "analysis", "Tổng quan, phân tích thông tin chuyên đề", "Cơ quan quản lý, hội đồng khoa học",
     "Đặt hàng bằng công văn gửi Trung tâm.", "Theo thỏa thuận"),
    ("HPCIS", "training", "Tập huấn nghiệp vụ thông tin cho thành viên mạng lưới", "Cán bộ thư viện, thông tin",
     "Đăng ký theo thông báo hằng năm.", ""),
    ("HPLIB", "document_delivery", "Mượn liên thư viện và cung cấp bản sao tài liệu", "Bạn đọc có thẻ thư viện",
     "Yêu cầu tại quầy thủ thư hoặc qua điện thoại.", "2.000 đồng/trang bản sao"),
    ("HPLIB", "lookup", "Tư vấn tra cứu tài liệu địa chí Hải Phòng", "Mọi bạn đọc",
     "Hỏi thủ thư tại phòng địa chí.", ""),
    ("VMU", "translation", "Dịch tài liệu kỹ thuật hàng hải Anh - Việt", "Doanh nghiệp vận tải biển, cảng",
     "Liên hệ Khoa Ngoại ngữ, gửi tài liệu cần dịch.", "Theo số trang"),
    ("VMU", "document_delivery", "Cung cấp luận văn, luận án toàn văn cho người dùng mạng lưới",
     "Thành viên mạng lưới", "Đăng nhập thư viện số của trường.", ""),
    ("IMER", "consulting", "Tư vấn đánh giá tác động môi trường biển", "Doanh nghiệp, chính quyền địa phương",
     "Liên hệ phòng Kế hoạch - Hợp tác.", "Theo hợp đồng"),
    ("HPMU", "training", "Khóa tập huấn phương pháp nghiên cứu khoa học y học", "Bác sĩ, dược sĩ trẻ",
     "Đăng ký qua phòng Quản lý khoa học.", ""),
    ("HPCAT", "consulting", "Tư vấn chuyển giao công nghệ và sở hữu trí tuệ", "Doanh nghiệp nhỏ và vừa",
     "Đặt lịch qua điện thoại.", ""),
]

# Two S&T enterprises (not members) with their certificates.
ENTERPRISES: list[dict] = [
    {"code": "HPBIO", "name_vi": "Công ty Cổ phần Công nghệ Sinh học Biển Hải Phòng",
     "name_en": "Hai Phong Marine Biotechnology JSC", "website": "https://haiphongbio.example.com.vn",
     "short_name": "HP BIOTECH", "address": "Khu công nghiệp Đình Vũ, Hải An, Hải Phòng", "fields": ["208", "406"],
     "description": "Sản xuất chế phẩm sinh học từ rong biển và vi tảo cho nuôi trồng thủy sản.",
     "certificate_number": "15/DNKHCN", "certificate_date": dt.date(2019, 6, 12),
     "certificate_issuer": "Sở Khoa học và Công nghệ Hải Phòng",
     "service": ("consulting", "Tư vấn ứng dụng chế phẩm sinh học trong nuôi trồng thủy sản",
                 "Hộ nuôi trồng thủy sản, hợp tác xã", "Gọi đường dây tư vấn kỹ thuật.", "")},
    {"code": "VIETAUTO", "name_vi": "Công ty TNHH Tự động hóa Cảng Việt",
     "name_en": "Viet Port Automation Co., Ltd", "website": "https://vietauto.example.com.vn",
     "short_name": "VIETAUTO", "address": "Số 5 Lê Hồng Phong, Ngô Quyền, Hải Phòng", "fields": ["202"],
     "description": "Thiết kế hệ thống điều khiển tự động cho cần trục và bãi container.",
     "certificate_number": "22/DNKHCN", "certificate_date": dt.date(2021, 3, 30),
     "certificate_issuer": "Sở Khoa học và Công nghệ Hải Phòng",
     "service": ("training", "Đào tạo vận hành hệ thống điều khiển cần trục", "Kỹ thuật viên cảng",
                 "Đăng ký theo khóa qua e-mail.", "Theo khóa học")},
]

PENDING_REQUEST = {
    "name_vi": "Viện Nghiên cứu Hải sản", "name_en": "Research Institute for Marine Fisheries",
    "short_name": "RIMF", "kind": "institute", "province": "Hải Phòng", "website": "https://rimf.example.org.vn",
    "address": "224 Lê Lai, Ngô Quyền, Hải Phòng", "contact_name": "Nguyễn Thị Hải",
    "contact_email": "thuvien@rimf.example.org.vn", "contact_phone": "0225 3836 000",
    "message": "Viện mong muốn chia sẻ cơ sở dữ liệu báo cáo khảo sát nguồn lợi hải sản với mạng lưới.",
}


def _profiles() -> Iterator[str]:
    """A profile for each demo organisation that has none."""
    for code, (short, address, fields, description) in PROFILES.items():
        org = Organisation.objects.filter(code=code).first()
        if org is None or OrganisationProfile.objects.filter(organisation=org).exists():
            continue
        slug = code.lower()
        update_profile(None, org, {"short_name": short, "address": address, "fields": fields,
                                   "description": description, "phone": "0225 3 000 000",
                                   "email": f"info@{slug}.example.vn", "contact_name": "Phòng Thông tin - Thư viện",
                                   "contact_email": f"thuvien@{slug}.example.vn",
                                   "publish_contact": code in ("HPCIS", "HPLIB")})
        yield _("directory profile of %(org)s") % {"org": code}


def _services() -> Iterator[str]:
    """The demo information services, unless the organisation lists services already."""
    for code, kind, name, audience, how, fee in SERVICES:
        org = Organisation.objects.filter(code=code).first()
        if org is None or InfoService.objects.filter(organisation=org, name=name).exists():
            continue
        add_service(None, org, {"kind": kind, "name": name, "audience": audience, "how_to_ask": how,
                                "free": not fee, "fee": fee})
        yield _("information service of %(org)s: %(name)s") % {"org": code, "name": name}


def _enterprises() -> Iterator[str]:
    """The two S&T enterprises with their certificates and one service each."""
    for item in ENTERPRISES:
        if Organisation.objects.filter(code=item["code"]).exists():
            continue
        org = add_organisation(item["code"], item["name_vi"], name_en=item["name_en"], kind="enterprise",
                               province="Hải Phòng", website=item["website"], actor="demo")
        update_profile(None, org, {k: item[k] for k in ("short_name", "address", "fields", "description",
                                                         "certificate_number", "certificate_date",
                                                         "certificate_issuer")})
        kind, name, audience, how, fee = item["service"]
        add_service(None, org, {"kind": kind, "name": name, "audience": audience, "how_to_ask": how,
                                "free": not fee, "fee": fee})
        yield _("S&T enterprise %(org)s: certificate %(number)s") % {"org": org.code,
                                                                      "number": item["certificate_number"]}


def load() -> Iterator[str]:
    """Create the directory's demo data that does not exist yet; yields report lines."""
    yield from _profiles()
    yield from _services()
    yield from _enterprises()
    if not JoinRequest.objects.exists():
        request = submit_join_request(PENDING_REQUEST)
        yield _("request to join %(id)s: %(name)s (pending; decide at /directory/requests/)") % {
            "id": request.pk, "name": request.name_vi}
