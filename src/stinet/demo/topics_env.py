"""Topic vocabularies (Vietnamese, English) for environment and agriculture."""

from __future__ import annotations

NOP = (("", ""),)

ENVIRONMENT = {
    "fos": (("207", 5), ("105", 3), ("208", 1)),
    "deg": (
        ("Kỹ thuật môi trường", "Environmental Engineering"),
        ("Khoa học môi trường", "Environmental Science"),
    ),
    "slots": {
        "a": (
            (
                "hiện trạng ô nhiễm không khí",
                "air pollution",
                {
                    "p": (
                        (" tại Khu công nghiệp Đình Vũ", " at Dinh Vu Industrial Zone"),
                        (" tại Khu công nghiệp Nomura", " at Nomura Industrial Zone"),
                        (" khu vực nội thành Hải Phòng", " in central Hai Phong"),
                    )
                },
            ),
            (
                "khả năng xử lý nước thải sinh hoạt bằng bãi lọc trồng cây",
                "domestic wastewater treatment in constructed wetlands",
            ),
            (
                "thành phần và khối lượng chất thải rắn sinh hoạt",
                "municipal solid waste generation",
            ),
            (
                "chất lượng nước sông Rế",
                "water quality of the Re river",
                {"p": (("", ""), (" đoạn chảy qua huyện An Dương", " in An Duong district"))},
            ),
            (
                "tác động của biến đổi khí hậu đến vùng ven biển",
                "climate change impacts on the coastal zone",
                {
                    "p": (
                        (" Hải Phòng", " of Hai Phong"),
                        (" huyện Tiên Lãng", " of Tien Lang district"),
                    )
                },
            ),
            (
                "mức độ tích lũy kim loại nặng trong trầm tích cảng",
                "heavy metal accumulation in port sediments",
                {"p": ((" Hải Phòng", " of Hai Phong"), ("", ""))},
            ),
        ),
        "q": (
            ("hiệu quả quản lý chất thải rắn sinh hoạt", "solid waste management"),
            (
                "hiệu quả công tác bảo vệ môi trường làng nghề",
                "environmental protection in craft villages",
            ),
            ("hiệu quả xử lý nước thải", "wastewater treatment performance"),
        ),
        "m": (
            (
                "chế phẩm vi sinh",
                "microbial products",
                {
                    "u": (
                        (
                            "xử lý nước thải chế biến thủy sản",
                            "seafood processing wastewater treatment",
                        ),
                        ("xử lý rác thải hữu cơ thành phân bón", "composting organic waste"),
                    )
                },
            ),
            (
                "công nghệ màng sinh học MBR",
                "membrane bioreactors",
                {
                    "u": (
                        ("xử lý nước thải bệnh viện", "hospital wastewater treatment"),
                        (
                            "xử lý nước thải chế biến thủy sản",
                            "seafood processing wastewater treatment",
                        ),
                    )
                },
            ),
            (
                "mô hình AERMOD",
                "the AERMOD model",
                {
                    "u": (
                        (
                            "đánh giá lan truyền khí thải công nghiệp",
                            "industrial emission dispersion",
                        ),
                    )
                },
            ),
        ),
        "s": (
            ("mô hình dự báo chất lượng không khí", "an air quality forecasting model"),
            ("hệ thống quan trắc môi trường tự động", "an automatic monitoring system"),
        ),
        "u": (
            ("xử lý nước thải chế biến thủy sản", "seafood processing wastewater treatment"),
            ("quản lý chất thải rắn đô thị", "urban solid waste management"),
            ("xử lý rác thải hữu cơ thành phân bón", "composting organic waste"),
        ),
        "p": (
            ("", ""),
            (" trên địa bàn thành phố Hải Phòng", " in Hai Phong city"),
            (" tại huyện Thủy Nguyên", " in Thuy Nguyen district"),
            (" tại quận Hồng Bàng", " in Hong Bang district"),
        ),
    },
    "kw": (
        ("ô nhiễm môi trường", "pollution"),
        ("nước thải", "wastewater"),
        ("chất thải rắn", "solid waste"),
        ("biến đổi khí hậu", "climate change"),
        ("kim loại nặng", "heavy metals"),
        ("quan trắc môi trường", "monitoring"),
        ("chất lượng nước", "water quality"),
        ("khu công nghiệp", "industrial zone"),
    ),
    "ctx": (
        (
            "Quá trình công nghiệp hóa và đô thị hóa nhanh tại Hải Phòng tạo áp lực ngày càng lớn lên môi trường.",
            "Fast industrialisation and urbanisation in Hai Phong put growing pressure on the environment.",
        ),
    ),
    "meth": (
        ("phương pháp lấy mẫu và phân tích trong phòng thí nghiệm", "sampling and lab analysis"),
        ("phương pháp đánh giá nhanh của Tổ chức Y tế Thế giới", "WHO rapid assessment"),
    ),
    "sample": (
        ("tại {k} điểm quan trắc", "at {k} monitoring points"),
        ("với {n} mẫu phân tích", "on {n} samples"),
    ),
    "tool": (("phần mềm ArcGIS", "ArcGIS"), ("phần mềm Excel", "Microsoft Excel")),
    "find": (
        (
            "hàm lượng COD và amoni vượt quy chuẩn cho phép từ 1,{k} đến {k} lần",
            "COD and ammonium exceed the standards by 1.{k} to {k} times",
        ),
        ("hiệu suất xử lý đạt trên {hi}%", "removal efficiency exceeds {hi}%"),
    ),
    "goal": (
        (
            "cải thiện chất lượng môi trường và sức khỏe cộng đồng",
            "a cleaner environment and better public health",
        ),
    ),
    "aud": (("Sở Tài nguyên và Môi trường Hải Phòng", "the Hai Phong environment department"),),
    "book": (("Quản lý môi trường đô thị", "Urban Environmental Management"),),
}

AGRICULTURE = {
    "fos": (("401", 4), ("405", 3), ("406", 2), ("402", 1)),
    "deg": (
        ("Khoa học cây trồng", "Crop Science"),
        ("Nuôi trồng thủy sản", "Aquaculture"),
        ("Nông nghiệp", "Agriculture"),
    ),
    "slots": {
        "a": (
            (
                "khả năng sinh trưởng và năng suất của một số giống lúa chất lượng cao",
                "growth and yield of high-quality rice varieties",
            ),
            ("quy trình nhân giống nấm linh chi", "lingzhi mushroom spawn production"),
            (
                "biện pháp kỹ thuật thâm canh cây chè",
                "intensive tea cultivation practices",
                {
                    "p": (
                        (" tại tỉnh Thái Nguyên", " in Thai Nguyen province"),
                        (" tại tỉnh Phú Thọ", " in Phu Tho province"),
                    )
                },
            ),
            ("thành phần sâu bệnh hại trên cây rau vụ đông", "pests of winter vegetables"),
            (
                "kỹ thuật nuôi tôm thẻ chân trắng trong ao lót bạt",
                "whiteleg shrimp culture in lined ponds",
                {
                    "p": (
                        (" tại huyện Tiên Lãng", " in Tien Lang district"),
                        (" tại huyện Kiến Thụy", " in Kien Thuy district"),
                    )
                },
            ),
            ("khả năng thích nghi của giống cà chua ghép", "adaptation of grafted tomatoes"),
            (
                "tình hình dịch bệnh trên ngao nuôi vùng bãi triều",
                "diseases of clams farmed on tidal flats",
                {
                    "p": (
                        (" ven biển Tiên Lãng", " on the Tien Lang coast"),
                        (" huyện Cát Hải", " in Cat Hai district"),
                    )
                },
            ),
        ),
        "q": (
            ("hiệu quả sản xuất lúa", "rice production efficiency"),
            ("giá trị sản xuất nông nghiệp", "agricultural output value"),
            ("hiệu quả nuôi trồng thủy sản", "aquaculture efficiency"),
        ),
        "m": (
            (
                "chế phẩm sinh học",
                "bio-products",
                {
                    "u": (
                        ("phòng trừ sâu bệnh hại lúa", "rice pest control"),
                        ("xử lý phụ phẩm nông nghiệp", "crop residue treatment"),
                    )
                },
            ),
            (
                "công nghệ nuôi cấy mô",
                "tissue culture",
                {
                    "u": (
                        ("nhân giống hoa lan", "orchid propagation"),
                        ("nhân giống chuối", "banana propagation"),
                    )
                },
            ),
            (
                "hệ thống tưới nhỏ giọt",
                "drip irrigation",
                {
                    "u": (
                        ("sản xuất rau an toàn", "safe vegetable production"),
                        ("trồng dưa lưới trong nhà màng", "greenhouse melon growing"),
                    )
                },
            ),
            (
                "phân bón hữu cơ vi sinh",
                "organic microbial fertilisers",
                {
                    "u": (
                        ("sản xuất rau an toàn", "safe vegetable production"),
                        ("thâm canh lúa", "intensive rice farming"),
                    )
                },
            ),
        ),
        "s": (
            ("mô hình trồng rau an toàn theo tiêu chuẩn VietGAP", "a VietGAP vegetable model"),
            ("mô hình liên kết sản xuất lúa hàng hóa", "a rice value-chain model"),
        ),
        "u": (
            ("sản xuất rau an toàn", "safe vegetable production"),
            ("phòng trừ sâu bệnh hại lúa", "rice pest control"),
            ("nuôi cá lồng trên biển", "marine cage culture"),
        ),
        "p": (
            ("", ""),
            (" tại huyện An Lão, Hải Phòng", " in An Lao district, Hai Phong"),
            (" tại huyện Tiên Lãng", " in Tien Lang district"),
            (" tại huyện Vĩnh Bảo", " in Vinh Bao district"),
            (" tại Hải Phòng", " in Hai Phong"),
        ),
    },
    "kw": (
        ("giống lúa", "rice varieties"),
        ("cây chè", "tea"),
        ("bảo vệ thực vật", "plant protection"),
        ("nấm ăn", "edible mushrooms"),
        ("VietGAP", "VietGAP"),
        ("tôm thẻ chân trắng", "whiteleg shrimp"),
        ("năng suất", "yield"),
        ("phân bón", "fertiliser"),
        ("nuôi trồng thủy sản", "aquaculture"),
        ("giống", "seed"),
    ),
    "ctx": (
        (
            "Nông nghiệp vẫn giữ vai trò quan trọng đối với sinh kế của người dân các huyện ngoại thành Hải Phòng.",
            "Farming remains vital to livelihoods in rural Hai Phong.",
        ),
    ),
    "meth": (
        (
            "thí nghiệm đồng ruộng bố trí theo khối ngẫu nhiên đầy đủ",
            "randomised complete block field trials",
        ),
        ("phương pháp điều tra nông hộ", "household surveys"),
    ),
    "sample": (
        ("với {k} công thức thí nghiệm, {k} lần nhắc lại", "with {k} treatments"),
        ("trên {n} hộ sản xuất", "with {n} farm households"),
    ),
    "tool": (("phần mềm IRRISTAT", "IRRISTAT"), ("phần mềm Excel", "Microsoft Excel")),
    "find": (
        (
            "năng suất thực thu đạt {v} tạ/ha, cao hơn đối chứng {lo}%",
            "yields reached {v} quintals/ha, {lo}% above the control",
        ),
        (
            "lợi nhuận của mô hình tăng {lo}% so với sản xuất truyền thống",
            "profits were {lo}% higher than in conventional farming",
        ),
    ),
    "goal": (("nâng cao thu nhập cho nông dân", "higher farm incomes"),),
    "aud": (
        ("nông dân và hợp tác xã", "farmers and cooperatives"),
        ("ngành nông nghiệp thành phố", "the city's farm sector"),
    ),
    "book": (("Kỹ thuật trồng nấm", "Mushroom Growing"),),
}
