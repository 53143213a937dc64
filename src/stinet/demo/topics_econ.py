"""Topic vocabularies (Vietnamese, English) for economics and logistics."""

from __future__ import annotations

NOP = (("", ""),)
BANKS = (
    (" tại Ngân hàng TMCP Công thương Việt Nam - Chi nhánh Hải Phòng", " at VietinBank Hai Phong"),
    (
        " tại Ngân hàng Nông nghiệp và Phát triển Nông thôn - Chi nhánh Hải Phòng",
        " at Agribank Hai Phong",
    ),
    (
        " tại Ngân hàng TMCP Đầu tư và Phát triển Việt Nam - Chi nhánh Hải Phòng",
        " at BIDV Hai Phong",
    ),
)
FIRMS = (
    (" tại Công ty Cổ phần Nhựa Thiếu niên Tiền Phong", " at Tien Phong Plastic JSC"),
    (" tại Công ty TNHH MTV Xi măng Vicem Hải Phòng", " at Vicem Hai Phong"),
    (" tại Công ty Cổ phần Cảng Hải Phòng", " at Hai Phong Port JSC"),
    (" tại Công ty TNHH LG Electronics Việt Nam Hải Phòng", " at LG Electronics Hai Phong"),
)
CITY = (("", ""), (" trên địa bàn thành phố Hải Phòng", " in Hai Phong city"))
PRIMARY = (
    (
        " ở các trường tiểu học huyện An Dương, thành phố Hải Phòng",
        " at primary schools in An Duong district, Hai Phong",
    ),
    (" ở các trường tiểu học quận Lê Chân", " at primary schools in Le Chan district"),
)
SECONDARY = (
    (
        " ở các trường trung học cơ sở quận Ngô Quyền, thành phố Hải Phòng",
        " at lower-secondary schools in Ngo Quyen district, Hai Phong",
    ),
    (
        " ở các trường trung học phổ thông huyện Thủy Nguyên",
        " at high schools in Thuy Nguyen district",
    ),
)
UNIVERSITY = (
    (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
    (" tại Trường Đại học Hàng hải Việt Nam", " at Vietnam Maritime University"),
)

_MANAGE = (
    ("Hoàn thiện {w}{p}", "Improving {w}{p}", True),
    ("Một số giải pháp hoàn thiện {w}{p}", "Some solutions to improve {w}{p}", False),
)

ECONOMICS = {
    "fos": (("502", 1),),
    "deg": (
        ("Quản lý kinh tế", "Economic Management"),
        ("Quản trị kinh doanh", "Business Administration"),
        ("Kế toán", "Accounting"),
        ("Tài chính - Ngân hàng", "Finance and Banking"),
        ("Kinh tế", "Economics"),
    ),
    "titles": _MANAGE,
    "slots": {
        "a": (
            (
                "các nhân tố ảnh hưởng đến sự hài lòng của khách hàng cá nhân",
                "factors in individual customer satisfaction",
                {"p": BANKS},
            ),
            (
                "tác động của đầu tư trực tiếp nước ngoài đến tăng trưởng kinh tế",
                "the impact of FDI on economic growth",
                {"p": ((" thành phố Hải Phòng", " of Hai Phong"), ("", ""))},
            ),
            ("động lực làm việc của người lao động", "employee work motivation", {"p": FIRMS}),
            (
                "mối quan hệ giữa quản trị vốn lưu động và khả năng sinh lời của doanh nghiệp",
                "working capital management and firm profitability",
                {
                    "p": (
                        (" niêm yết trên thị trường chứng khoán Việt Nam", " listed in Vietnam"),
                        ("", ""),
                    )
                },
            ),
            (
                "chính sách thu hút đầu tư vào các khu kinh tế",
                "investment attraction in economic zones",
                {"p": ((" của thành phố Hải Phòng", " of Hai Phong"), ("", ""))},
            ),
        ),
        "q": (
            ("chất lượng dịch vụ ngân hàng bán lẻ", "retail banking service quality", {"p": BANKS}),
            ("hiệu quả sử dụng vốn", "capital efficiency", {"p": FIRMS}),
            ("năng lực cạnh tranh của doanh nghiệp nhỏ và vừa", "SME competitiveness", {"p": CITY}),
            ("chất lượng nguồn nhân lực", "human resource quality", {"p": FIRMS + CITY}),
            ("hiệu quả hoạt động kinh doanh", "business performance", {"p": FIRMS}),
        ),
        "w": (
            (
                "công tác quản lý thu thuế đối với hộ kinh doanh",
                "tax administration for household businesses",
                {
                    "p": (
                        (" tại Chi cục Thuế quận Lê Chân", " at the Le Chan Tax Office"),
                        (" tại Chi cục Thuế huyện An Dương", " at the An Duong Tax Office"),
                    )
                },
            ),
            (
                "công tác kế toán bán hàng và xác định kết quả kinh doanh",
                "sales accounting",
                {"p": FIRMS},
            ),
            (
                "công tác quản lý chi ngân sách nhà nước cấp xã",
                "commune budget spending management",
                {
                    "p": (
                        (" trên địa bàn huyện Kiến Thụy", " in Kien Thuy district"),
                        (" trên địa bàn huyện Vĩnh Bảo", " in Vinh Bao district"),
                    )
                },
            ),
            ("công tác tuyển dụng và đào tạo nhân lực", "recruitment and training", {"p": FIRMS}),
            ("công tác thẩm định dự án đầu tư", "investment project appraisal", {"p": BANKS}),
            ("hoạt động cho vay khách hàng doanh nghiệp", "corporate lending", {"p": BANKS}),
        ),
        "m": (
            ("thẻ điểm cân bằng (BSC)", "the balanced scorecard"),
            ("mô hình SERVQUAL", "SERVQUAL"),
        ),
        "s": (("bộ chỉ tiêu đánh giá hiệu quả hoạt động", "performance indicators"),),
        "u": (
            ("quản trị doanh nghiệp", "corporate management"),
            ("đánh giá nhân viên", "staff appraisal"),
        ),
        "p": NOP + FIRMS,
    },
    "kw": (
        ("quản lý kinh tế", "economic management"),
        ("ngân hàng thương mại", "commercial banks"),
        ("sự hài lòng", "satisfaction"),
        ("doanh nghiệp nhỏ và vừa", "SMEs"),
        ("thuế", "tax"),
        ("nguồn nhân lực", "human resources"),
        ("FDI", "FDI"),
        ("kế toán", "accounting"),
        ("ngân sách nhà nước", "state budget"),
        ("năng lực cạnh tranh", "competitiveness"),
    ),
    "ctx": (
        (
            "Hải Phòng là một trong những địa phương thu hút vốn đầu tư trực tiếp nước ngoài lớn "
            "nhất cả nước trong những năm gần đây.",
            "Hai Phong has recently been among Vietnam's top FDI destinations.",
        ),
        (
            "Trong bối cảnh hội nhập kinh tế quốc tế, các doanh nghiệp đứng trước áp lực cạnh tranh ngày càng gay gắt.",
            "International integration exposes firms to ever stiffer competition.",
        ),
    ),
    "meth": (
        ("phương pháp điều tra bằng bảng hỏi", "a questionnaire survey"),
        ("mô hình hồi quy tuyến tính đa biến", "multiple linear regression"),
        ("phương pháp thống kê mô tả và so sánh", "descriptive and comparative statistics"),
    ),
    "sample": (
        ("với mẫu khảo sát gồm {n} khách hàng", "with a sample of {n} customers"),
        ("với số liệu của {n} doanh nghiệp", "with data from {n} firms"),
        ("trên cơ sở số liệu thứ cấp giai đoạn {y0}-{y1}", "using {y0}-{y1} secondary data"),
    ),
    "tool": (
        ("phần mềm SPSS 22.0", "SPSS 22.0"),
        ("phần mềm Stata 15", "Stata 15"),
        ("phần mềm Excel", "Microsoft Excel"),
    ),
    "find": (
        (
            "có {k} nhân tố ảnh hưởng có ý nghĩa thống kê, trong đó chất lượng phục vụ có tác động mạnh nhất",
            "{k} factors are significant, service quality being the strongest",
        ),
        (
            "bên cạnh những kết quả đạt được, công tác này vẫn còn hạn chế về cơ chế, nguồn nhân "
            "lực và sự phối hợp giữa các bộ phận",
            "besides its achievements, the work is limited by rules, staffing and coordination",
        ),
        (
            "doanh thu bình quân tăng {lo}%/năm nhưng chi phí tăng nhanh hơn",
            "revenue grew {lo}% a year but costs grew faster",
        ),
    ),
    "goal": (
        (
            "nâng cao hiệu quả hoạt động của đơn vị trong thời gian tới",
            "better performance in the coming years",
        ),
        ("phát triển kinh tế - xã hội thành phố Hải Phòng", "Hai Phong's development"),
    ),
    "aud": (
        ("các nhà quản lý doanh nghiệp", "business managers"),
        ("cơ quan quản lý nhà nước", "state agencies"),
    ),
    "book": (("Kinh tế vĩ mô", "Macroeconomics"), ("Quản trị doanh nghiệp", "Business Management")),
}

LOGISTICS = {
    "fos": (("502", 3), ("507", 1)),
    "deg": (
        ("Tổ chức và quản lý vận tải", "Transport Organisation and Management"),
        ("Quản lý kinh tế", "Economic Management"),
    ),
    "titles": (("Phát triển {q}{p}{t}", "Developing {q}{p}{t}", True),),
    "slots": {
        "a": (
            (
                "chuỗi cung ứng hàng hóa xuất nhập khẩu qua cảng Hải Phòng",
                "the import-export supply chain through Hai Phong port",
            ),
            ("hoạt động vận tải đa phương thức", "multimodal transport"),
            ("thị trường dịch vụ logistics", "the logistics services market"),
            (
                "quy trình giao nhận hàng hóa xuất khẩu bằng container đường biển",
                "sea-freight container export forwarding",
            ),
            ("mô hình cảng cạn (ICD)", "inland container depots"),
        ),
        "q": (
            ("chất lượng dịch vụ logistics", "logistics service quality"),
            ("hệ thống trung tâm logistics", "logistics centres"),
            ("dịch vụ giao nhận vận tải", "freight forwarding"),
            ("năng lực cạnh tranh của doanh nghiệp logistics", "logistics firm competitiveness"),
        ),
        "m": (
            (
                "mô hình quy hoạch tuyến tính",
                "linear programming",
                {
                    "u": (
                        (
                            "tối ưu hóa vận tải container nội địa",
                            "inland container transport optimisation",
                        ),
                        ("điều phối vận tải container", "container transport dispatch"),
                    )
                },
            ),
            (
                "hệ thống EDI",
                "EDI",
                {
                    "u": (
                        ("thông quan hàng hóa", "customs clearance"),
                        ("quản lý kho bãi", "warehouse management"),
                    )
                },
            ),
        ),
        "s": (("mô hình tối ưu hóa mạng lưới phân phối", "a distribution network optimisation model"),),
        "u": (
            ("điều phối vận tải container", "container transport dispatch"),
            ("quản lý kho bãi", "warehouse management"),
        ),
        "p": (
            ("", ""),
            (" tại Hải Phòng", " in Hai Phong"),
            (" tại Công ty Cổ phần Container Việt Nam (Viconship)", " at Viconship"),
            (" khu vực Đình Vũ", " in Dinh Vu"),
        ),
    },
    "kw": (
        ("logistics", "logistics"),
        ("chuỗi cung ứng", "supply chain"),
        ("giao nhận", "forwarding"),
        ("vận tải đa phương thức", "multimodal transport"),
        ("cảng cạn", "dry port"),
        ("xuất nhập khẩu", "import-export"),
        ("container", "container"),
    ),
    "ctx": (
        (
            "Với lợi thế cảng biển nước sâu Lạch Huyện, Hải Phòng đang trở thành trung tâm "
            "logistics lớn của vùng duyên hải Bắc Bộ.",
            "With the deep-water Lach Huyen port, Hai Phong is becoming a northern logistics hub.",
        ),
    ),
    "meth": (
        ("phương pháp phân tích SWOT", "SWOT analysis"),
        ("phương pháp điều tra khảo sát", "surveys"),
    ),
    "sample": (("với {n} doanh nghiệp logistics", "with {n} logistics firms"),),
    "tool": (("phần mềm SPSS 22.0", "SPSS 22.0"),),
    "find": (
        (
            "chi phí logistics chiếm khoảng {lo}% giá trị hàng hóa",
            "logistics costs are about {lo}% of cargo value",
        ),
    ),
    "goal": (("giảm chi phí logistics và nâng cao năng lực cạnh tranh", "lower logistics costs"),),
    "aud": (("các doanh nghiệp logistics", "logistics firms"),),
    "book": (("Quản trị logistics", "Logistics Management"),),
}
