"""Shared phrase tables: title and abstract templates, labels, journals and publishers."""

from __future__ import annotations

# (Vietnamese template, English template, how the title reads inside an abstract:
#  True = verb phrase, False = noun phrase, None = noun phrase starting with a proper noun).
GENERIC_TITLES: tuple[tuple[tuple[str, str, bool | None], float], ...] = (
    (("Nghiên cứu {a}{p}", "A study on {a}{p}", True), 6),
    (
        (
            "Đánh giá thực trạng và đề xuất giải pháp nâng cao {q}{p}",
            "Assessing the current state of and solutions to improve {q}{p}",
            True,
        ),
        3,
    ),
    (("Giải pháp nâng cao {q}{p}{t}", "Solutions to improve {q}{p}{t}", False), 3),
    (("Ứng dụng {m} trong {u}", "Applying {m} to {u}", True), 2),
    (("Nghiên cứu ứng dụng {m} trong {u}{p}", "Applying {m} to {u}{p}", True), 2),
    (("Xây dựng {s}{p}", "Developing {s}{p}", True), 2),
    (("Phân tích các nhân tố ảnh hưởng đến {q}{p}", "Factors affecting {q}{p}", True), 2),
    (("Đánh giá {a}{p}", "Assessment of {a}{p}", True), 1),
)

VI_AIM_VERBAL = (
    "{Doc} được thực hiện nhằm {aim}.",
    "Mục tiêu của {doc} là {aim}.",
    "{Doc} tập trung {aim}.",
)
VI_AIM_NOMINAL = ("{Doc} trình bày kết quả nghiên cứu về {aim}.", "{Doc} đề cập đến {aim}.")
VI_METHOD = (
    "Nghiên cứu sử dụng {meth} {sample}, số liệu được xử lý bằng {tool}.",
    "{Doc} sử dụng {meth} {sample}.",
    "Bằng {meth}, tác giả đã tiến hành khảo sát {sample} trong giai đoạn {y0}-{y1}.",
)
VI_RESULT = (
    "Kết quả cho thấy {find}.",
    "Kết quả nghiên cứu chỉ ra rằng {find}.",
    "Kết quả bước đầu cho thấy {find}.",
)
VI_CLOSE = (
    "Trên cơ sở đó, {doc} đề xuất {kw} nhóm giải pháp nhằm {goal}.",
    "Kết quả nghiên cứu có thể làm tài liệu tham khảo cho {aud}.",
    "{Doc} cũng đưa ra một số kiến nghị nhằm {goal}.",
)
EN_AIM = ("This {doc} deals with {aim}.", "The {doc} addresses {aim}.")
EN_METHOD = (
    "The study uses {meth} {sample}; data were processed with {tool}.",
    "Using {meth}, the authors carried out a survey {sample} in {y0}-{y1}.",
)
EN_RESULT = ("The results show that {find}.", "The findings indicate that {find}.")
EN_CLOSE = (
    "On this basis, the {doc} proposes {kw} groups of solutions for {goal}.",
    "The results may serve as a reference for {aud}.",
)
VI_COUNT = ("ba", "bốn", "năm", "sáu")
EN_COUNT = ("three", "four", "five", "six")

# What a document calls itself in its abstract, by work type.
DOC_NAMES: dict[str, tuple[str, str]] = {
    "thesis": ("luận văn", "thesis"),
    "dissertation": ("luận án", "dissertation"),
    "report": ("đề tài", "project"),
    "article": ("bài báo", "paper"),
    "conference": ("báo cáo", "paper"),
    "book": ("cuốn sách", "book"),
    "patent": ("giải pháp", "invention"),
    "standard": ("tiêu chuẩn", "standard"),
    "dataset": ("bộ dữ liệu", "data set"),
    "other": ("tài liệu", "document"),
}

# dc.type labels members really use, with weights.
TYPE_LABELS: dict[str, tuple[tuple[str, float], ...]] = {
    "report": (("Báo cáo kết quả nghiên cứu", 6), ("Đề tài NCKH", 4)),
    "thesis": (("Luận văn thạc sĩ", 6), ("Luận văn Thạc sỹ", 3), ("Thesis", 1)),
    "dissertation": (("Luận án tiến sĩ", 9), ("Thesis", 1)),
    "article": (("Bài báo", 5), ("Bài báo khoa học", 4), ("Article", 2)),
    "book": (("Sách", 8), ("Book", 2)),
    "conference": (("Kỷ yếu hội thảo", 1),),
    "patent": (("Sáng chế", 6), ("Giải pháp hữu ích", 4)),
    "standard": (("Tiêu chuẩn", 1),),
    "dataset": (("Bộ dữ liệu", 1),),
}
ODD_LABELS = ("Tài liệu khác", "Poster", "Khác", "Bản tin", "Tài liệu hội nghị")

BOOK_TITLES = (
    ("Giáo trình {b}", "{b}: a textbook"),
    ("{b}", "{b}"),
    ("{b}: sách chuyên khảo", "{b}: a monograph"),
    ("Cơ sở {lb}", "Foundations of {b}"),
)

PATENTS = (
    (
        "Quy trình sản xuất chế phẩm vi sinh xử lý nước ao nuôi tôm",
        "Process for producing a microbial product for shrimp pond water",
        "406",
    ),
    (
        "Thiết bị cảnh báo va chạm cho tàu cá cỡ nhỏ",
        "Collision warning device for small fishing boats",
        "203",
    ),
    (
        "Hệ thống giám sát nồng độ oxy hòa tan trong ao nuôi thủy sản",
        "System for monitoring dissolved oxygen in fish ponds",
        "202",
    ),
    (
        "Phương pháp xử lý bùn nạo vét luồng cảng làm vật liệu san lấp",
        "Method for reusing dredged port sludge as fill",
        "207",
    ),
    (
        "Quy trình nuôi trồng nấm đông trùng hạ thảo trên giá thể nhộng tằm",
        "Process for growing Cordyceps militaris on silkworm pupae",
        "406",
    ),
    ("Bộ gá hàn phân đoạn vỏ tàu", "Welding jig for hull blocks", "203"),
    (
        "Chế phẩm thảo dược hỗ trợ điều trị viêm loét dạ dày",
        "Herbal preparation for gastric ulcers",
        "303",
    ),
)
STANDARDS = (
    (
        "TCVN 6909:2001 Công nghệ thông tin - Bộ mã ký tự tiếng Việt 16-bit",
        "Information technology - Vietnamese 16-bit coded character set",
        "102",
    ),
    (
        "TCVN ISO 9001:2015 Hệ thống quản lý chất lượng - Các yêu cầu",
        "Quality management systems - Requirements",
        "502",
    ),
    (
        "TCVN 11820-1:2017 Công trình cảng biển - Yêu cầu thiết kế - Phần 1: Nguyên tắc chung",
        "Marine port facilities - Design requirements - Part 1: General principles",
        "201",
    ),
    (
        "QCVN 10-MT:2015/BTNMT Quy chuẩn kỹ thuật quốc gia về chất lượng nước biển",
        "National technical regulation on marine water quality",
        "207",
    ),
    (
        "TCVN ISO/IEC 27001:2019 Hệ thống quản lý an toàn thông tin - Các yêu cầu",
        "Information security management systems - Requirements",
        "102",
    ),
)
DATASETS = (
    (
        "Bộ dữ liệu quan trắc chất lượng nước biển ven bờ Hải Phòng năm {y}",
        "Hai Phong coastal water quality monitoring data, {y}",
        "105",
    ),
    (
        "Bộ dữ liệu độ phủ rạn san hô vịnh Hạ Long - Cát Bà giai đoạn {y0}-{y}",
        "Coral cover in Ha Long Bay and Cat Ba, {y0}-{y}",
        "106",
    ),
    (
        "Bộ dữ liệu thống kê khoa học và công nghệ thành phố Hải Phòng năm {y}",
        "Science and technology statistics of Hai Phong, {y}",
        "509",
    ),
    (
        "Bộ dữ liệu thành phần loài động vật đáy vùng triều Tiên Lãng",
        "Benthic fauna of the Tien Lang tidal flats",
        "106",
    ),
    (
        "Bộ dữ liệu lượt tàu ra vào cảng biển Hải Phòng năm {y}",
        "Ship calls at Hai Phong ports, {y}",
        "212",
    ),
)

# Journals by domain: (name, ISSN's first seven digits, publishes DOIs).
JOURNALS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "maritime": (("Tạp chí Khoa học Công nghệ Hàng hải", "1859316", False),),
    "engineering": (
        ("Tạp chí Khoa học Công nghệ Hàng hải", "1859316", False),
        ("Tạp chí Xây dựng", "0866876", False),
    ),
    "it": (
        ("Tạp chí Khoa học Đại học Hải Phòng", "1859300", False),
        ("Tạp chí Nghiên cứu khoa học và công nghệ quân sự", "1859104", True),
    ),
    "ocean": (
        ("Tạp chí Khoa học và Công nghệ Biển", "1859309", True),
        ("Vietnam Journal of Marine Science and Technology", "1859309", True),
    ),
    "environment": (
        ("Tạp chí Môi trường", "1859042", False),
        ("Tạp chí Khoa học và Công nghệ Biển", "1859309", True),
    ),
    "agriculture": (("Tạp chí Nông nghiệp và Phát triển nông thôn", "1859458", False),),
    "medicine": (
        ("Tạp chí Y học Việt Nam", "1859186", True),
        ("Tạp chí Y học dự phòng", "0868283", True),
        ("Tạp chí Y dược học Hải Phòng", "1859204", False),
    ),
    "economics": (("Tạp chí Kinh tế và Dự báo", "0866712", False),),
    "logistics": (("Tạp chí Khoa học Công nghệ Hàng hải", "1859316", False),),
    "education": (("Tạp chí Giáo dục", "2354075", True),),
    "law": (("Tạp chí Nghiên cứu lập pháp", "1859295", False),),
    "culture": (("Tạp chí Khoa học Đại học Hải Phòng", "1859300", False),),
    "linguistics": (("Tạp chí Ngôn ngữ và Đời sống", "0868340", False),),
}

# Book publishers: (name, two-digit ISBN publisher code used in the demo).
PUBLISHERS: dict[str, tuple[tuple[str, str], ...]] = {
    "maritime": (("Nhà xuất bản Hàng hải", "86"),),
    "engineering": (("Nhà xuất bản Xây dựng", "82"),),
    "it": (("Nhà xuất bản Thông tin và Truyền thông", "80"),),
    "ocean": (("Nhà xuất bản Khoa học tự nhiên và Công nghệ", "91"),),
    "environment": (("Nhà xuất bản Khoa học và Kỹ thuật", "67"),),
    "agriculture": (("Nhà xuất bản Nông nghiệp", "60"),),
    "medicine": (("Nhà xuất bản Y học", "66"),),
    "economics": (("Nhà xuất bản Tài chính", "79"),),
    "logistics": (("Nhà xuất bản Hàng hải", "86"),),
    "education": (("Nhà xuất bản Giáo dục Việt Nam", "00"),),
    "law": (("Nhà xuất bản Tư pháp", "81"),),
    "culture": (("Nhà xuất bản Hải Phòng", "85"),),
    "linguistics": (("Nhà xuất bản Hải Phòng", "85"),),
}

# Degree grantors outside the network, for theses a library holds a copy of.
OUTSIDE_GRANTORS: dict[str, tuple[str, ...]] = {
    "medicine": ("Trường Đại học Y Hà Nội", "Học viện Quân y"),
    "ocean": ("Học viện Khoa học và Công nghệ", "Trường Đại học Khoa học Tự nhiên"),
    "economics": ("Trường Đại học Kinh tế Quốc dân", "Học viện Tài chính"),
    "education": ("Trường Đại học Sư phạm Hà Nội",),
    "law": ("Trường Đại học Luật Hà Nội",),
    "agriculture": ("Học viện Nông nghiệp Việt Nam",),
    "culture": ("Trường Đại học Khoa học Xã hội và Nhân văn",),
}

CONFERENCES = (
    "Kỷ yếu Hội nghị Khoa học Công nghệ Hàng hải",
    "Kỷ yếu Hội nghị khoa học Bệnh viện Hữu nghị Việt Tiệp",
    "Kỷ yếu Hội nghị Khoa học và Công nghệ Biển toàn quốc",
    "Kỷ yếu Hội thảo khoa học Đại học Hải Phòng",
)
RIGHTS = (
    "Bản quyền thuộc về {org}",
    "Tài liệu chỉ phục vụ tra cứu, nghiên cứu",
    "CC BY 4.0",
    "Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
)

# Abstracts of types that do not report a study: (Vietnamese sentences, English sentences).
SPECIAL_ABSTRACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "book": (
        (
            "Cuốn sách cung cấp những kiến thức cơ bản và cập nhật về {lb}, được biên soạn trên cơ "
            "sở kết quả nghiên cứu và kinh nghiệm giảng dạy của tập thể tác giả.",
            "Nội dung gồm {k} chương, trình bày có hệ thống từ lý thuyết đến thực tiễn, với "
            "nhiều ví dụ minh họa gắn với thực tế Hải Phòng và Việt Nam.",
            "Sách dùng làm tài liệu học tập cho sinh viên, học viên cao học và là tài liệu tham khảo cho {aud}.",
        ),
        (
            "The book gives a basic and up-to-date account of {lb}, drawing on the authors' "
            "research and teaching experience.",
            "Its {k} chapters move systematically from theory to practice, with many examples from "
            "Hai Phong and Vietnam.",
            "It is intended for undergraduate and graduate students and as a reference for {aud}.",
        ),
    ),
    "patent": (
        (
            "{Title} được đề xuất nhằm khắc phục các nhược điểm của giải pháp kỹ thuật đã biết, có "
            "cấu tạo đơn giản và dễ chế tạo trong nước.",
            "Kết quả thử nghiệm tại cơ sở cho thấy chi phí giảm khoảng {pct}% so với sản phẩm nhập "
            "khẩu, hiệu quả sử dụng ổn định sau {k} tháng vận hành.",
            "Giải pháp có khả năng áp dụng rộng rãi cho {aud}.",
        ),
        (
            "{Title} overcomes the drawbacks of known solutions and is simple to build locally.",
            "Trials showed costs about {pct}% lower than imported products and stable performance after {k} months.",
            "The solution can be widely applied by {aud}.",
        ),
    ),
    "standard": (
        (
            "Văn bản quy định các yêu cầu kỹ thuật, nguyên tắc và phương pháp áp dụng thống nhất "
            "trong lĩnh vực {field}.",
            "Nội dung được biên soạn trên cơ sở tham khảo các tiêu chuẩn quốc tế tương ứng và phù "
            "hợp với điều kiện thực tế của Việt Nam.",
            "Bản lưu trữ phục vụ tra cứu của các cơ quan, tổ chức và doanh nghiệp trên địa bàn thành phố Hải Phòng.",
        ),
        (
            "The document sets out technical requirements, principles and methods for {field}.",
            "It follows the corresponding international standards, adapted to Vietnamese conditions.",
            "The archived copy serves agencies, organisations and enterprises in Hai Phong.",
        ),
    ),
    "dataset": (
        (
            "Bộ dữ liệu gồm {n} bản ghi, được thu thập tại {k} điểm khảo sát theo quy trình "
            "thống nhất và được kiểm tra chất lượng trước khi công bố.",
            "Dữ liệu được lưu ở định dạng CSV kèm siêu dữ liệu mô tả theo chuẩn Dublin Core, có "
            "thể khai thác trực tiếp bằng các phần mềm thống kê thông dụng.",
            "Bộ dữ liệu phục vụ nghiên cứu khoa học, quản lý nhà nước và đào tạo.",
        ),
        (
            "The data set holds {n} records collected at {k} sites under one protocol and checked before release.",
            "Data are provided as CSV with Dublin Core metadata, readable by common statistics tools.",
            "It supports research, public administration and teaching.",
        ),
    ),
}
# Sentences to lengthen an abstract that came out short.
VI_FILLER = (
    "Đây là vấn đề có ý nghĩa cả về lý luận và thực tiễn đối với thành phố Hải Phòng trong giai đoạn hiện nay.",
    "Các kết quả nghiên cứu đã được thảo luận, so sánh với các công trình trong và ngoài nước có liên quan.",
)
EN_FILLER = (
    "The topic matters both in theory and in practice for Hai Phong today.",
    "The results are discussed and compared with related work in Vietnam and abroad.",
)
