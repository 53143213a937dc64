"""Topic vocabularies (Vietnamese, English) for engineering and information technology."""

from __future__ import annotations

NOP = (("", ""),)

ENGINEERING = {
    "fos": (("202", 4), ("203", 3), ("201", 2), ("205", 1)),
    "deg": (
        ("Kỹ thuật điện", "Electrical Engineering"),
        ("Kỹ thuật cơ khí", "Mechanical Engineering"),
        ("Kỹ thuật xây dựng công trình thủy", "Hydraulic Construction Engineering"),
        ("Kỹ thuật điều khiển và tự động hóa", "Control and Automation Engineering"),
    ),
    "slots": {
        "a": (
            (
                "ứng xử của kết cấu bến cọc bệ cao chịu tải trọng va tàu",
                "the response of high-pile wharves to ship impact",
            ),
            (
                "chất lượng điện năng trong lưới điện phân phối thành phố Hải Phòng",
                "power quality in the Hai Phong distribution grid",
                {"p": NOP},
            ),
            (
                "ăn mòn kết cấu thép trong môi trường nước biển",
                "corrosion of steel structures in seawater",
            ),
            (
                "bộ điều khiển PID mờ cho hệ thống lái tự động tàu thủy",
                "a fuzzy PID controller for ship autopilots",
            ),
            (
                "khả năng chịu lực của dầm bê tông cốt thép được gia cường bằng tấm FRP",
                "the strength of FRP-strengthened reinforced concrete beams",
            ),
            ("độ bền mỏi của kết cấu thân tàu hàng", "fatigue strength of cargo ship hulls"),
        ),
        "q": (
            ("độ tin cậy cung cấp điện", "power supply reliability"),
            ("hiệu suất hệ thống động lực tàu thủy", "marine propulsion efficiency"),
            ("chất lượng thi công công trình cảng", "port construction quality"),
        ),
        "m": (
            (
                "bộ biến tần",
                "variable frequency drives",
                {
                    "u": (
                        ("hệ thống cần trục chân đế tại cảng", "portal cranes at ports"),
                        ("trạm bơm thoát nước đô thị", "urban drainage pumping stations"),
                    )
                },
            ),
            (
                "bộ điều khiển PLC",
                "PLCs",
                {
                    "u": (
                        ("trạm bơm thoát nước đô thị", "urban drainage pumping stations"),
                        ("dây chuyền đóng bao xi măng", "cement bagging lines"),
                    )
                },
            ),
            (
                "phương pháp phần tử hữu hạn",
                "the finite element method",
                {
                    "u": (
                        ("tính toán kết cấu bến cảng", "wharf structural analysis"),
                        ("phân tích độ bền thân tàu", "hull strength analysis"),
                    )
                },
            ),
            (
                "vật liệu composite",
                "composite materials",
                {
                    "u": (
                        ("sửa chữa công trình bến cảng", "wharf repair"),
                        ("chế tạo vỏ tàu cỡ nhỏ", "small hull building"),
                    )
                },
            ),
        ),
        "s": (
            ("hệ thống điều khiển giám sát SCADA", "a SCADA system"),
            ("mô hình thí nghiệm hệ truyền động điện", "an electric drive test rig"),
            ("bộ điều khiển tốc độ động cơ", "a motor speed controller"),
        ),
        "u": (
            ("hệ thống cần trục chân đế tại cảng", "portal cranes at ports"),
            ("trạm bơm thoát nước đô thị", "urban drainage pumping stations"),
            ("điều khiển hệ thống lái tàu", "ship steering control"),
            ("sửa chữa công trình bến cảng", "wharf repair"),
        ),
        "p": (
            ("", ""),
            ("", ""),
            (" tại Hải Phòng", " in Hai Phong"),
            (" trong điều kiện Việt Nam", " in Vietnamese conditions"),
        ),
    },
    "kw": (
        ("phần tử hữu hạn", "finite element"),
        ("tự động hóa", "automation"),
        ("điều khiển PID", "PID control"),
        ("lưới điện phân phối", "distribution grid"),
        ("kết cấu thép", "steel structures"),
        ("ăn mòn", "corrosion"),
        ("biến tần", "inverter"),
        ("công trình bến", "wharf"),
        ("bê tông cốt thép", "reinforced concrete"),
    ),
    "ctx": (
        (
            "Các công trình và thiết bị làm việc trong môi trường biển chịu tác động khắc nghiệt "
            "của tải trọng và ăn mòn.",
            "Structures and equipment at sea are exposed to harsh loads and corrosion.",
        ),
    ),
    "meth": (
        ("phương pháp mô hình hóa và mô phỏng", "modelling and simulation"),
        ("phương pháp phần tử hữu hạn", "the finite element method"),
        ("phương pháp thực nghiệm", "experiments"),
    ),
    "sample": (
        ("trên mô hình thí nghiệm tỷ lệ 1:{k}", "on a 1:{k} scale model"),
        ("với {n} mẫu thử", "on {n} specimens"),
    ),
    "tool": (
        ("phần mềm MATLAB/Simulink", "MATLAB/Simulink"),
        ("phần mềm ANSYS", "ANSYS"),
        ("phần mềm SAP2000", "SAP2000"),
    ),
    "find": (
        (
            "sai lệch giữa kết quả tính toán và thực nghiệm không vượt quá {k}%",
            "computed and measured values differ by at most {k}%",
        ),
        (
            "tổn thất điện năng giảm {lo}% sau khi áp dụng giải pháp đề xuất",
            "energy losses fell by {lo}% with the proposed solution",
        ),
    ),
    "goal": (
        ("nâng cao độ bền và tuổi thọ công trình", "more durable structures"),
        ("tiết kiệm năng lượng trong sản xuất", "energy saving in production"),
    ),
    "aud": (
        ("các đơn vị thiết kế, thi công", "design and construction firms"),
        ("các nhà máy đóng tàu", "shipyards"),
    ),
    "book": (
        ("Kỹ thuật điện tàu thủy", "Marine Electrical Engineering"),
        ("Sức bền vật liệu", "Strength of Materials"),
    ),
}

IT = {
    "fos": (("102", 6), ("202", 2)),
    "deg": (
        ("Khoa học máy tính", "Computer Science"),
        ("Công nghệ thông tin", "Information Technology"),
        ("Hệ thống thông tin", "Information Systems"),
    ),
    "slots": {
        "a": (
            (
                "kỹ thuật học sâu trong nhận dạng biển số xe",
                "deep learning for licence plate recognition",
                {"p": NOP},
            ),
            (
                "thuật toán phát hiện xâm nhập mạng dựa trên học máy",
                "machine-learning intrusion detection",
                {"p": NOP},
            ),
            ("bài toán phân cụm dữ liệu khách hàng", "customer data clustering", {"p": NOP}),
            (
                "mô hình chủ đề cho văn bản tiếng Việt",
                "topic models for Vietnamese text",
                {"p": NOP},
            ),
            (
                "phương pháp tóm tắt văn bản tiếng Việt tự động",
                "automatic summarisation of Vietnamese text",
                {"p": NOP},
            ),
            (
                "kỹ thuật nhận dạng chữ viết tay tiếng Việt",
                "Vietnamese handwriting recognition",
                {"p": NOP},
            ),
        ),
        "q": (
            ("hiệu quả chuyển đổi số", "digital transformation"),
            ("an toàn thông tin", "information security"),
            ("chất lượng dịch vụ công trực tuyến", "online public services"),
        ),
        "m": (
            (
                "mạng nơ-ron tích chập",
                "convolutional neural networks",
                {
                    "u": (
                        ("chẩn đoán hình ảnh y tế", "medical imaging"),
                        ("giám sát giao thông", "traffic monitoring"),
                    )
                },
            ),
            (
                "công nghệ chuỗi khối",
                "blockchain",
                {
                    "u": (
                        ("truy xuất nguồn gốc nông sản", "farm produce traceability"),
                        ("quản lý văn bằng, chứng chỉ", "diploma management"),
                    )
                },
            ),
            (
                "điện toán đám mây",
                "cloud computing",
                {
                    "u": (
                        ("quản lý đào tạo", "academic administration"),
                        ("quản lý thư viện", "library management"),
                    )
                },
            ),
            (
                "Internet vạn vật (IoT)",
                "the Internet of Things",
                {
                    "u": (
                        ("giám sát giao thông", "traffic monitoring"),
                        ("nông nghiệp thông minh", "smart farming"),
                    )
                },
            ),
            (
                "khai phá dữ liệu",
                "data mining",
                {
                    "u": (
                        ("quản lý đào tạo", "academic administration"),
                        ("thương mại điện tử", "e-commerce"),
                    )
                },
            ),
        ),
        "s": (
            ("hệ thống quản lý văn bản điện tử", "an electronic document system"),
            ("ứng dụng di động hỗ trợ học tập", "a mobile learning app"),
            ("hệ thống hỗ trợ ra quyết định", "a decision support system"),
            ("cổng thông tin điện tử", "a web portal"),
        ),
        "u": (
            ("quản lý đào tạo", "academic administration"),
            ("giám sát giao thông", "traffic monitoring"),
            ("chẩn đoán hình ảnh y tế", "medical imaging"),
            ("quản lý thư viện", "library management"),
            ("thương mại điện tử", "e-commerce"),
        ),
        "p": (
            ("", ""),
            ("", ""),
            (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
            (" trên địa bàn thành phố Hải Phòng", " in Hai Phong city"),
        ),
    },
    "kw": (
        ("học máy", "machine learning"),
        ("học sâu", "deep learning"),
        ("IoT", "IoT"),
        ("xử lý ngôn ngữ tự nhiên", "NLP"),
        ("an toàn thông tin", "information security"),
        ("chuyển đổi số", "digital transformation"),
        ("cơ sở dữ liệu", "database"),
        ("khai phá dữ liệu", "data mining"),
        ("thị giác máy tính", "computer vision"),
    ),
    "ctx": (
        (
            "Chuyển đổi số đang được thành phố Hải Phòng đẩy mạnh trong mọi lĩnh vực.",
            "Hai Phong is pushing digital transformation in every sector.",
        ),
    ),
    "meth": (
        ("phương pháp thực nghiệm trên tập dữ liệu chuẩn", "experiments on benchmark data"),
        ("phương pháp phân tích, thiết kế hướng đối tượng", "object-oriented design"),
    ),
    "sample": (
        ("với tập dữ liệu gồm {n} mẫu", "on a data set of {n} samples"),
        ("với dữ liệu thực tế của {k} đơn vị", "with real data from {k} units"),
    ),
    "tool": (("ngôn ngữ Python", "Python"), ("thư viện TensorFlow", "TensorFlow")),
    "find": (
        (
            "mô hình đề xuất đạt độ chính xác {hi}% trên tập kiểm thử",
            "the proposed model reaches {hi}% accuracy on the test set",
        ),
        (
            "thời gian xử lý giảm khoảng {lo}% so với phương pháp truyền thống",
            "processing time fell by about {lo}% over the traditional method",
        ),
    ),
    "goal": (("thúc đẩy chuyển đổi số", "digital transformation"),),
    "aud": (("các cơ quan, doanh nghiệp có nhu cầu ứng dụng", "adopting agencies and firms"),),
    "book": (("Cấu trúc dữ liệu và giải thuật", "Data Structures and Algorithms"),),
}
