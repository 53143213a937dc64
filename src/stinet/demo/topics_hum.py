"""Topic vocabularies (Vietnamese, English) for culture, history and languages."""

from __future__ import annotations

CULTURE = {
    "fos": (("601", 3), ("604", 1), ("602", 1), ("605", 1)),
    "deg": (
        ("Lịch sử Việt Nam", "Vietnamese History"),
        ("Văn hóa học", "Cultural Studies"),
        ("Văn học Việt Nam", "Vietnamese Literature"),
    ),
    "generic": False,
    "titles": (
        ("Nghiên cứu {a}", "A study of {a}", True),
        ("{a}: lịch sử và giá trị", "{a}: history and values", False),
        ("Bảo tồn và phát huy giá trị {h}{p}", "Preserving and promoting {h}{p}", True),
        ("Tìm hiểu {a}", "On {a}", True),
        ("Đảng bộ {d} lãnh đạo {x}{t}", "The {d} Party Committee's leadership of {x}{t}", None),
    ),
    "slots": {
        "a": (
            ("lễ hội chọi trâu Đồ Sơn", "the Do Son buffalo fighting festival"),
            ("di tích lịch sử Bạch Đằng Giang", "the Bach Dang Giang historic site"),
            ("nghề tạc tượng Bảo Hà", "Bao Ha wood carving"),
            ("tín ngưỡng thờ Mẫu ở Hải Phòng", "Mother Goddess worship in Hai Phong"),
            ("hát đúm Thủy Nguyên", "hat dum folk singing of Thuy Nguyen"),
            ("đình Hàng Kênh", "Hang Kenh communal house"),
            ("văn hóa ẩm thực Hải Phòng", "Hai Phong food culture"),
            ("Trạng trình Nguyễn Bỉnh Khiêm", "Nguyen Binh Khiem"),
            ("đời sống văn hóa của cư dân làng chài Cát Bà", "Cat Ba fishing village culture"),
        ),
        "h": (
            ("di sản văn hóa phi vật thể", "intangible cultural heritage"),
            ("các di tích lịch sử - văn hóa", "historical and cultural relics"),
            ("lễ hội truyền thống", "traditional festivals"),
            ("làng nghề truyền thống", "craft villages"),
        ),
        "d": (
            ("thành phố Hải Phòng", "Hai Phong city"),
            ("huyện Vĩnh Bảo", "Vinh Bao district"),
            ("huyện đảo Cát Hải", "Cat Hai island district"),
            ("quận Kiến An", "Kien An district"),
        ),
        "x": (
            ("công tác xây dựng nông thôn mới", "new rural development"),
            ("phát triển kinh tế biển", "the marine economy"),
            ("phát triển du lịch", "tourism development"),
        ),
        "p": (
            ("", ""),
            (" trên địa bàn thành phố Hải Phòng", " in Hai Phong"),
            (" ở huyện Vĩnh Bảo", " in Vinh Bao district"),
        ),
    },
    "kw": (
        ("lịch sử Hải Phòng", "Hai Phong history"),
        ("di sản văn hóa", "cultural heritage"),
        ("lễ hội", "festivals"),
        ("di tích", "relics"),
        ("làng nghề", "craft villages"),
        ("văn hóa dân gian", "folklore"),
        ("du lịch văn hóa", "cultural tourism"),
    ),
    "ctx": (
        (
            "Hải Phòng có bề dày lịch sử gắn với những chiến công trên sông Bạch Đằng và một "
            "kho tàng di sản văn hóa phong phú.",
            "Hai Phong's long history includes the Bach Dang victories and a rich heritage.",
        ),
    ),
    "meth": (
        ("phương pháp điền dã dân tộc học", "ethnographic fieldwork"),
        ("phương pháp lịch sử và phương pháp lôgic", "historical and logical methods"),
    ),
    "sample": (
        (
            "với tư liệu của {k} di tích và {n} phiếu điều tra",
            "with records of {k} sites and {n} questionnaires",
        ),
    ),
    "tool": (("phần mềm Excel", "Microsoft Excel"),),
    "find": (
        (
            "nhiều giá trị văn hóa truyền thống đang bị mai một, với {pct}% người được hỏi chưa từng tham gia lễ hội",
            "many traditions are fading; {pct}% never attended",
        ),
    ),
    "goal": (("bảo tồn và phát huy giá trị di sản văn hóa Hải Phòng", "Hai Phong's heritage"),),
    "aud": (("ngành văn hóa, du lịch thành phố", "the city's culture and tourism sector"),),
    "book": (
        ("Địa chí Hải Phòng", "Hai Phong Gazetteer"),
        ("Lịch sử Đảng bộ thành phố Hải Phòng", "History of the Hai Phong Party Committee"),
        ("Hải Phòng - Di tích và danh thắng", "Hai Phong: Relics and Landscapes"),
    ),
}

LINGUISTICS = {
    "fos": (("602", 3), ("503", 1)),
    "deg": (
        ("Ngôn ngữ Anh", "English Linguistics"),
        ("Lý luận và phương pháp dạy học bộ môn tiếng Anh", "English Language Teaching"),
    ),
    "generic": False,
    "english": 0.65,
    "titles": (
        ("Nghiên cứu {x} của {g}{p}", "A study on {x} of {g}{p}", True),
        ("Ứng dụng {m} nhằm nâng cao {s} cho {g}{p}", "Using {m} to improve {s} for {g}{p}", True),
        (
            "Đối chiếu {c} trong tiếng Anh và tiếng Việt",
            "A contrastive analysis of {c} in English and Vietnamese",
            True,
        ),
    ),
    "slots": {
        "x": (
            (
                "những khó khăn trong việc học kỹ năng nói tiếng Anh",
                "difficulties in learning English speaking skills",
            ),
            ("động lực học từ vựng tiếng Anh", "motivation in learning English vocabulary"),
            ("các lỗi phát âm thường gặp", "common pronunciation errors"),
        ),
        "g": (
            (
                "sinh viên năm thứ nhất",
                "first-year students",
                {
                    "p": (
                        (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
                        (
                            " tại Trường Đại học Quản lý và Công nghệ Hải Phòng",
                            " at Hai Phong University of Management and Technology",
                        ),
                    )
                },
            ),
            (
                "sinh viên chuyên ngữ",
                "English majors",
                {
                    "p": (
                        (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
                        (
                            " tại Trường Đại học Quản lý và Công nghệ Hải Phòng",
                            " at Hai Phong University of Management and Technology",
                        ),
                    )
                },
            ),
            (
                "học sinh lớp 10",
                "tenth graders",
                {
                    "p": (
                        (
                            " tại một trường trung học phổ thông ở Hải Phòng",
                            " at a high school in Hai Phong",
                        ),
                        (
                            " tại Trường THPT Trần Phú, Hải Phòng",
                            " at Tran Phu High School, Hai Phong",
                        ),
                    )
                },
            ),
        ),
        "m": (
            ("trò chơi ngôn ngữ", "language games"),
            ("phương pháp dạy học hợp tác", "cooperative learning"),
            ("video ngắn", "short videos"),
        ),
        "s": (
            ("kỹ năng nghe", "listening skills"),
            ("kỹ năng viết", "writing skills"),
            ("vốn từ vựng", "vocabulary"),
        ),
        "c": (
            ("thành ngữ chỉ động vật", "animal idioms"),
            ("câu bị động", "passive sentences"),
            ("hành động ngôn từ từ chối", "refusals"),
        ),
        "p": (
            (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
            (
                " tại Trường Đại học Quản lý và Công nghệ Hải Phòng",
                " at Hai Phong University of Management and Technology",
            ),
            (" tại một trường trung học phổ thông ở Hải Phòng", " at a high school in Hai Phong"),
        ),
    },
    "kw": (
        ("tiếng Anh", "English"),
        ("kỹ năng nói", "speaking skills"),
        ("từ vựng", "vocabulary"),
        ("phương pháp dạy học", "teaching methods"),
        ("đối chiếu ngôn ngữ", "contrastive analysis"),
        ("động lực học tập", "motivation"),
    ),
    "ctx": (
        (
            "Tiếng Anh ngày càng giữ vai trò quan trọng đối với cơ hội việc làm của sinh viên.",
            "English matters more and more for graduates' employability.",
        ),
    ),
    "meth": (("phương pháp nghiên cứu định lượng kết hợp định tính", "mixed methods"),),
    "sample": (("với {n} sinh viên và {k} giảng viên", "with {n} students and {k} teachers"),),
    "tool": (("phần mềm SPSS", "SPSS"),),
    "find": (
        (
            "{hi}% sinh viên tiến bộ rõ rệt sau {k} tuần thực nghiệm",
            "{hi}% of students improved markedly after {k} weeks",
        ),
    ),
    "goal": (("nâng cao hiệu quả dạy và học tiếng Anh", "better English teaching and learning"),),
    "aud": (("giảng viên và giáo viên tiếng Anh", "English teachers"),),
    "book": (("Ngữ pháp tiếng Anh thực hành", "Practical English Grammar"),),
}
