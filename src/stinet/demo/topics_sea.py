"""Topic vocabularies (Vietnamese, English) for maritime science and oceanography."""

from __future__ import annotations

NOP = (("", ""),)

MARITIME = {
    "fos": (("212", 5), ("203", 2), ("201", 1)),
    "deg": (
        ("Khoa học Hàng hải", "Maritime Science"),
        ("Kỹ thuật tàu thủy", "Naval Engineering"),
        ("Kỹ thuật", "Engineering"),
        ("Kỹ thuật cơ khí động lực", "Power Mechanical Engineering"),
    ),
    "slots": {
        "a": (
            (
                "ảnh hưởng của sóng và gió đến ổn định tàu hàng rời cỡ nhỏ",
                "the effect of wind and waves on the stability of small bulk carriers",
            ),
            (
                "nguyên nhân tai nạn hàng hải trên luồng hàng hải Hải Phòng",
                "causes of maritime accidents in the Hai Phong channel",
                {"p": NOP},
            ),
            (
                "hiện tượng lắc ngang tham số của tàu container khi hành trình trong sóng",
                "parametric rolling of container ships in waves",
            ),
            (
                "quy trình điều động tàu cập cầu tại khu bến cảng Lạch Huyện",
                "berthing manoeuvres at the Lach Huyen terminals",
                {"p": NOP},
            ),
            (
                "nguy cơ sự cố tràn dầu từ tàu biển tại vùng nước cảng biển Hải Phòng",
                "the risk of oil spills from ships in Hai Phong port waters",
                {"p": NOP},
            ),
            (
                "việc thực hiện Bộ luật ISM trên các tàu biển Việt Nam",
                "ISM Code implementation on Vietnamese ships",
                {"p": NOP},
            ),
            (
                "mức tiêu hao nhiên liệu của động cơ diesel tàu thủy",
                "fuel consumption of marine diesel engines",
            ),
            (
                "khả năng tiếp nhận tàu trọng tải lớn của luồng hàng hải Lạch Huyện",
                "the capacity of the Lach Huyen channel to receive large ships",
                {"p": NOP},
            ),
            (
                "kết quả kiểm tra của chính quyền cảng (PSC) đối với tàu biển Việt Nam",
                "port state control results for Vietnamese ships",
                {"p": NOP},
            ),
            (
                "sức cản vỏ tàu cá vỏ thép hoạt động vùng khơi",
                "hull resistance of offshore steel fishing vessels",
            ),
        ),
        "q": (
            ("hiệu quả khai thác cảng container", "container terminal efficiency"),
            (
                "năng lực cạnh tranh của đội tàu biển Việt Nam",
                "the competitiveness of the Vietnamese fleet",
                {
                    "p": (
                        ("", ""),
                        (" trong bối cảnh hội nhập quốc tế", " amid international integration"),
                    )
                },
            ),
            (
                "chất lượng đào tạo sĩ quan hàng hải",
                "the quality of maritime officer training",
                {
                    "p": (
                        ("", ""),
                        (
                            " tại Trường Đại học Hàng hải Việt Nam",
                            " at Vietnam Maritime University",
                        ),
                    )
                },
            ),
            (
                "an toàn hàng hải trên luồng Hải Phòng",
                "navigational safety in the Hai Phong channel",
                {"p": NOP},
            ),
            ("năng lực thông qua của cảng biển", "port throughput capacity"),
            (
                "hiệu quả khai thác đội tàu hàng rời",
                "the efficiency of the bulk carrier fleet",
                {
                    "p": (
                        ("", ""),
                        (
                            " của Công ty Cổ phần Vận tải biển Việt Nam",
                            " at Vietnam Ocean Shipping JSC",
                        ),
                    )
                },
            ),
        ),
        "m": (
            (
                "hệ thống nhận dạng tự động AIS",
                "the Automatic Identification System (AIS)",
                {
                    "u": (
                        ("giám sát hành trình tàu thuyền", "vessel traffic monitoring"),
                        ("tìm kiếm cứu nạn hàng hải", "maritime search and rescue"),
                    )
                },
            ),
            (
                "hệ thống hải đồ điện tử ECDIS",
                "ECDIS electronic charts",
                {
                    "u": (
                        ("lập kế hoạch chuyến đi", "voyage planning"),
                        ("điều động tàu trong luồng hẹp", "ship handling in narrow channels"),
                    )
                },
            ),
            (
                "phương pháp mô phỏng số CFD",
                "CFD simulation",
                {
                    "u": (
                        ("tính toán sức cản vỏ tàu", "hull resistance calculation"),
                        ("thiết kế chân vịt tàu thủy", "propeller design"),
                    )
                },
            ),
            (
                "buồng lái mô phỏng",
                "bridge simulators",
                {
                    "u": (
                        ("huấn luyện sĩ quan hàng hải", "maritime officer training"),
                        ("điều động tàu trong luồng hẹp", "ship handling in narrow channels"),
                    )
                },
            ),
            (
                "lý thuyết logic mờ",
                "fuzzy logic",
                {
                    "u": (
                        ("đánh giá rủi ro va chạm tàu", "collision risk assessment"),
                        ("điều khiển hướng đi của tàu", "ship course control"),
                    )
                },
            ),
        ),
        "s": (
            ("mô hình đánh giá rủi ro va chạm tàu", "a ship collision risk model"),
            (
                "phần mềm hỗ trợ lập sơ đồ xếp hàng tàu container",
                "software for container ship stowage planning",
            ),
            ("cơ sở dữ liệu tai nạn hàng hải", "a maritime accident database"),
            ("hệ thống giám sát hành trình tàu", "a vessel tracking system"),
        ),
        "u": (
            ("quản lý khai thác cảng biển", "port operations management"),
            ("giám sát hành trình tàu thuyền", "vessel traffic monitoring"),
            ("huấn luyện sĩ quan hàng hải", "maritime officer training"),
            ("tìm kiếm cứu nạn hàng hải", "maritime search and rescue"),
            ("điều động tàu trong luồng hẹp", "ship handling in narrow channels"),
        ),
        "p": (
            ("", ""),
            ("", ""),
            (" tại cảng Hải Phòng", " at Hai Phong port"),
            (" tại Cảng vụ Hàng hải Hải Phòng", " at the Hai Phong Maritime Administration"),
            (" khu vực Lạch Huyện", " in the Lach Huyen area"),
            (" trong điều kiện Việt Nam", " in Vietnamese conditions"),
        ),
    },
    "kw": (
        ("an toàn hàng hải", "maritime safety"),
        ("cảng biển", "seaport"),
        ("đội tàu", "fleet"),
        ("tàu container", "container ship"),
        ("luồng hàng hải", "channel"),
        ("ổn định tàu", "ship stability"),
        ("Bộ luật ISM", "ISM Code"),
        ("AIS", "AIS"),
        ("thuyền viên", "seafarers"),
        ("Lạch Huyện", "Lach Huyen"),
        ("tai nạn hàng hải", "maritime accidents"),
        ("ô nhiễm dầu", "oil pollution"),
        ("Hải Phòng", "Hai Phong"),
    ),
    "ctx": (
        (
            "Hải Phòng là cửa ngõ ra biển quan trọng nhất của các tỉnh phía Bắc, với hệ thống "
            "cảng biển tiếp nhận hàng chục nghìn lượt tàu mỗi năm.",
            "Hai Phong is the main maritime gateway of northern Vietnam, with ports receiving "
            "tens of thousands of ship calls a year.",
        ),
        (
            "Mật độ tàu thuyền ngày càng tăng trên luồng hàng hải Hải Phòng đặt ra yêu cầu cấp "
            "thiết về bảo đảm an toàn hàng hải.",
            "Growing traffic in the Hai Phong channel makes navigational safety a pressing concern.",
        ),
    ),
    "meth": (
        ("phương pháp thống kê, phân tích số liệu", "statistical analysis"),
        (
            "phương pháp mô phỏng trên buồng lái mô phỏng Transas",
            "simulation on a Transas bridge simulator",
        ),
        (
            "phương pháp chuyên gia kết hợp phân tích thứ bậc AHP",
            "expert judgement combined with the analytic hierarchy process",
        ),
    ),
    "sample": (
        ("với số liệu của {n} lượt tàu ra vào cảng", "with data on {n} ship calls"),
        (
            "trên cơ sở ý kiến của {n} thuyền trưởng và sĩ quan boong",
            "drawing on {n} masters and deck officers",
        ),
        ("với hồ sơ của {n} vụ tai nạn hàng hải", "with the files of {n} accidents"),
    ),
    "tool": (("phần mềm MATLAB", "MATLAB"), ("phần mềm Excel", "Microsoft Excel")),
    "find": (
        (
            "năng suất xếp dỡ bình quân có thể tăng {lo}% so với phương án khai thác hiện tại",
            "average handling productivity could rise by {lo}% over current operations",
        ),
        (
            "lỗi của con người là nguyên nhân chính, chiếm {hi}% số vụ tai nạn được phân tích",
            "human error is the main cause, in {hi}% of the accidents analysed",
        ),
        (
            "góc lắc ngang cực đại giảm khoảng {lo}% khi thay đổi hướng đi và tốc độ hợp lý",
            "maximum roll fell by about {lo}% with suitable course and speed changes",
        ),
    ),
    "goal": (
        (
            "nâng cao an toàn hàng hải và bảo vệ môi trường biển",
            "better maritime safety and protection of the marine environment",
        ),
        (
            "nâng cao hiệu quả khai thác cảng biển khu vực Hải Phòng",
            "more efficient port operations in Hai Phong",
        ),
    ),
    "aud": (
        ("các doanh nghiệp cảng biển và vận tải biển", "port and shipping companies"),
        ("cơ quan quản lý nhà nước về hàng hải", "maritime authorities"),
        ("công tác đào tạo, huấn luyện thuyền viên", "seafarer training"),
    ),
    "book": (
        ("Điều động tàu biển", "Ship Handling"),
        ("Luật hàng hải quốc tế", "International Maritime Law"),
        ("Khai thác cảng biển", "Port Operations"),
    ),
}

OCEAN = {
    "fos": (("105", 5), ("106", 4), ("405", 1)),
    "deg": (
        ("Hải dương học", "Oceanography"),
        ("Sinh học", "Biology"),
        ("Quản lý tài nguyên và môi trường", "Natural Resources and Environment Management"),
    ),
    "slots": {
        "a": (
            (
                "hiện trạng đa dạng sinh học biển vùng quần đảo Cát Bà",
                "marine biodiversity around the Cat Ba archipelago",
                {"p": NOP},
            ),
            (
                "biến động diện tích rạn san hô ở vịnh Hạ Long và vịnh Lan Hạ",
                "changes in coral reef cover in Ha Long and Lan Ha bays",
                {"p": NOP},
            ),
            (
                "đặc điểm trầm tích tầng mặt vùng cửa sông Bạch Đằng",
                "surface sediments of the Bach Dang estuary",
                {"p": NOP},
            ),
            (
                "thành phần loài thực vật phù du ở vùng biển ven bờ Hải Phòng",
                "phytoplankton species in Hai Phong coastal waters",
                {"p": NOP},
            ),
            (
                "sức tải môi trường của vịnh Lan Hạ đối với hoạt động nuôi trồng thủy sản",
                "the environmental carrying capacity of Lan Ha bay for aquaculture",
                {"p": NOP},
            ),
            (
                "quá trình xói lở, bồi tụ bờ biển Đồ Sơn",
                "coastal erosion and accretion at Do Son",
                {"p": NOP},
            ),
            (
                "hiện trạng rừng ngập mặn ven biển Tiên Lãng",
                "the state of coastal mangroves in Tien Lang",
                {"p": NOP},
            ),
            (
                "nguồn lợi thủy sản vùng biển đảo Bạch Long Vĩ",
                "fishery resources around Bach Long Vi island",
                {"p": NOP},
            ),
        ),
        "q": (
            ("hiệu quả quản lý khu bảo tồn biển", "marine protected area management"),
            ("khả năng phục hồi rạn san hô", "coral reef recovery"),
        ),
        "m": (
            (
                "ảnh viễn thám đa thời gian",
                "multi-temporal remote sensing",
                {
                    "u": (
                        ("giám sát biến động rừng ngập mặn", "mangrove change monitoring"),
                        ("quy hoạch không gian biển", "marine spatial planning"),
                    )
                },
            ),
            (
                "công nghệ GIS",
                "GIS",
                {
                    "u": (
                        ("quy hoạch không gian biển", "marine spatial planning"),
                        ("quản lý tổng hợp vùng bờ", "integrated coastal zone management"),
                    )
                },
            ),
            (
                "mã vạch DNA",
                "DNA barcoding",
                {
                    "u": (
                        ("định danh loài cá rạn san hô", "identifying reef fish"),
                        ("giám sát nguồn lợi thủy sản", "fishery resource monitoring"),
                    )
                },
            ),
            (
                "mô hình thủy động lực MIKE 21",
                "the MIKE 21 hydrodynamic model",
                {
                    "u": (
                        ("dự báo lan truyền ô nhiễm dầu", "oil spill forecasting"),
                        ("mô phỏng xói lở, bồi tụ vùng cửa sông", "estuary erosion modelling"),
                    )
                },
            ),
        ),
        "s": (
            ("bản đồ phân bố thảm cỏ biển", "a seagrass distribution map"),
            ("cơ sở dữ liệu đa dạng sinh học biển", "a marine biodiversity database"),
        ),
        "u": (
            ("giám sát chất lượng môi trường biển", "marine environmental monitoring"),
            ("quy hoạch không gian biển", "marine spatial planning"),
            ("quản lý tổng hợp vùng bờ", "integrated coastal zone management"),
        ),
        "p": (
            ("", ""),
            (" vùng biển Hải Phòng", " in Hai Phong waters"),
            (" ở vịnh Bắc Bộ", " in the Gulf of Tonkin"),
            (" tại Cát Bà", " at Cat Ba"),
        ),
    },
    "kw": (
        ("đa dạng sinh học biển", "marine biodiversity"),
        ("rạn san hô", "coral reefs"),
        ("vịnh Hạ Long", "Ha Long Bay"),
        ("Cát Bà", "Cat Ba"),
        ("rừng ngập mặn", "mangroves"),
        ("nuôi trồng thủy sản", "aquaculture"),
        ("trầm tích", "sediment"),
        ("thực vật phù du", "phytoplankton"),
        ("cỏ biển", "seagrass"),
        ("vịnh Lan Hạ", "Lan Ha Bay"),
        ("viễn thám", "remote sensing"),
        ("khu bảo tồn biển", "marine protected area"),
    ),
    "ctx": (
        (
            "Vùng biển Hải Phòng - Quảng Ninh có hệ sinh thái đa dạng với rạn san hô, thảm cỏ "
            "biển và rừng ngập mặn, song đang chịu áp lực lớn từ phát triển kinh tế.",
            "The Hai Phong - Quang Ninh coast hosts reefs, seagrass and mangroves under strong development pressure.",
        ),
    ),
    "meth": (
        ("phương pháp khảo sát thực địa theo mặt cắt", "transect field surveys"),
        ("phương pháp lặn khảo sát theo Reef Check", "Reef Check diving surveys"),
        ("phương pháp phân tích mẫu theo tiêu chuẩn quốc gia", "standard sample analysis"),
    ),
    "sample": (
        ("tại {k} trạm khảo sát", "at {k} stations"),
        ("với {n} mẫu nước và trầm tích", "on {n} water and sediment samples"),
    ),
    "tool": (("phần mềm ArcGIS", "ArcGIS"), ("phần mềm PRIMER", "PRIMER")),
    "find": (
        ("độ phủ san hô sống trung bình chỉ còn {lo}%", "live coral cover averages {lo}%"),
        (
            "đã ghi nhận {n} loài, trong đó có {k} loài có tên trong Sách Đỏ Việt Nam",
            "{n} species were recorded, {k} of them in the Vietnam Red Data Book",
        ),
        (
            "diện tích rừng ngập mặn giảm {lo}% trong giai đoạn nghiên cứu",
            "mangrove area fell by {lo}% over the study period",
        ),
    ),
    "goal": (
        (
            "bảo tồn đa dạng sinh học và phát triển bền vững kinh tế biển",
            "conserving biodiversity and a sustainable marine economy",
        ),
    ),
    "aud": (
        ("Ban quản lý Vườn quốc gia Cát Bà", "Cat Ba National Park"),
        ("các cơ quan quản lý tài nguyên và môi trường biển", "marine resource agencies"),
    ),
    "book": (("Đa dạng sinh học biển Việt Nam", "Marine Biodiversity of Vietnam"),),
}
