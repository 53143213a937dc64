"""Topic vocabularies (Vietnamese, English) for education and law."""

from __future__ import annotations

from stinet.demo.topics_econ import _MANAGE, NOP, PRIMARY, SECONDARY, UNIVERSITY

EDUCATION = {
    "fos": (("503", 1),),
    "deg": (
        ("Quản lý giáo dục", "Educational Management"),
        ("Giáo dục học", "Education"),
        ("Lý luận và phương pháp dạy học bộ môn Toán", "Mathematics Education"),
    ),
    "titles": (("Quản lý {w}{p}", "Managing {w}{p}", True),),
    "slots": {
        "a": (
            ("kỹ năng tự học của sinh viên", "student self-study skills", {"p": UNIVERSITY}),
            (
                "việc vận dụng dạy học theo dự án trong môn Khoa học tự nhiên",
                "project-based learning in natural science",
                {"p": SECONDARY},
            ),
            (
                "năng lực số của giáo viên trung học cơ sở",
                "lower-secondary teachers' digital competence",
                {"p": (("", ""), (" thành phố Hải Phòng", " in Hai Phong"))},
            ),
        ),
        "q": (
            ("chất lượng đội ngũ giáo viên", "teaching staff quality", {"p": PRIMARY + SECONDARY}),
            (
                "hiệu quả giáo dục kỹ năng sống cho học sinh",
                "life skills education",
                {"p": PRIMARY + SECONDARY},
            ),
        ),
        "w": (
            (
                "hoạt động giáo dục kỹ năng sống cho học sinh",
                "life skills education",
                {"p": PRIMARY + SECONDARY},
            ),
            (
                "hoạt động bồi dưỡng chuyên môn cho giáo viên",
                "teacher professional development",
                {"p": PRIMARY + SECONDARY},
            ),
            (
                "hoạt động trải nghiệm cho học sinh tiểu học",
                "experiential activities",
                {"p": PRIMARY},
            ),
            (
                "công tác xây dựng văn hóa nhà trường",
                "school culture building",
                {"p": PRIMARY + SECONDARY + UNIVERSITY},
            ),
        ),
        "m": (("dạy học trực tuyến", "online teaching"), ("sơ đồ tư duy", "mind maps")),
        "s": (("hệ thống bài tập phát triển năng lực", "competence-building exercises"),),
        "u": (
            ("dạy học môn Toán ở trường tiểu học", "primary mathematics"),
            ("dạy học môn Ngữ văn", "literature teaching"),
        ),
        "p": (
            (
                " ở các trường trung học cơ sở quận Ngô Quyền, thành phố Hải Phòng",
                " at lower-secondary schools in Ngo Quyen district, Hai Phong",
            ),
            (" ở các trường tiểu học huyện An Dương", " at primary schools in An Duong"),
            (" tại Trường Đại học Hải Phòng", " at Hai Phong University"),
            ("", ""),
        ),
    },
    "kw": (
        ("quản lý giáo dục", "educational management"),
        ("giáo viên", "teachers"),
        ("học sinh", "pupils"),
        ("kỹ năng sống", "life skills"),
        ("đổi mới giáo dục", "education reform"),
        ("chương trình giáo dục phổ thông 2018", "2018 curriculum"),
    ),
    "ctx": (
        (
            "Chương trình giáo dục phổ thông 2018 đặt ra yêu cầu mới đối với hoạt động dạy học và quản lý nhà trường.",
            "The 2018 curriculum sets new demands on teaching and school management.",
        ),
    ),
    "meth": (
        (
            "phương pháp điều tra bằng phiếu hỏi kết hợp phỏng vấn sâu",
            "questionnaires and in-depth interviews",
        ),
        ("phương pháp thực nghiệm sư phạm", "a teaching experiment"),
    ),
    "sample": (("với {n} cán bộ quản lý, giáo viên và học sinh", "with {n} managers, teachers and pupils"),),
    "tool": (("phần mềm SPSS", "SPSS"),),
    "find": (
        (
            "{hi}% giáo viên được hỏi đánh giá các biện pháp đề xuất là cần thiết và khả thi",
            "{hi}% of teachers rate the measures necessary and feasible",
        ),
    ),
    "goal": (("nâng cao chất lượng giáo dục", "better education"),),
    "aud": (("cán bộ quản lý các trường phổ thông", "school leaders"),),
    "book": (("Giáo dục học đại cương", "General Pedagogy"),),
}

LAW = {
    "fos": (("505", 3), ("506", 1)),
    "deg": (
        ("Luật kinh tế", "Economic Law"),
        ("Luật", "Law"),
        ("Quản lý công", "Public Management"),
    ),
    "titles": _MANAGE,
    "slots": {
        "a": (
            (
                "pháp luật về bảo vệ quyền lợi người tiêu dùng",
                "consumer protection law",
                {"p": ((" ở Việt Nam", " in Vietnam"), ("", ""))},
            ),
            (
                "pháp luật về hợp đồng vận chuyển hàng hóa bằng đường biển",
                "the law on carriage of goods by sea",
                {"p": ((" ở Việt Nam", " in Vietnam"), ("", ""))},
            ),
            (
                "thực tiễn giải quyết tranh chấp đất đai",
                "land dispute resolution",
                {
                    "p": (
                        (" trên địa bàn thành phố Hải Phòng", " in Hai Phong"),
                        (
                            " tại Tòa án nhân dân huyện Thủy Nguyên",
                            " at the Thuy Nguyen district court",
                        ),
                    )
                },
            ),
            (
                "cải cách thủ tục hành chính theo cơ chế một cửa",
                "one-stop administrative reform",
                {
                    "p": (
                        (
                            " tại Ủy ban nhân dân huyện Thủy Nguyên",
                            " at the Thuy Nguyen district people's committee",
                        ),
                        (" trên địa bàn thành phố Hải Phòng", " in Hai Phong"),
                    )
                },
            ),
        ),
        "q": (
            (
                "hiệu quả thi hành pháp luật về đất đai",
                "land law enforcement",
                {
                    "p": (
                        (" trên địa bàn thành phố Hải Phòng", " in Hai Phong"),
                        (" ở Việt Nam hiện nay", " in Vietnam today"),
                    )
                },
            ),
            (
                "chất lượng đội ngũ cán bộ, công chức cấp xã",
                "commune civil servant quality",
                {
                    "p": (
                        (
                            " huyện Vĩnh Bảo, thành phố Hải Phòng",
                            " in Vinh Bao district, Hai Phong",
                        ),
                        (" huyện Thủy Nguyên", " in Thuy Nguyen district"),
                    )
                },
            ),
        ),
        "w": (
            (
                "công tác quản lý nhà nước về đất đai",
                "state land management",
                {
                    "p": (
                        (" trên địa bàn huyện An Lão", " in An Lao district"),
                        (" tại quận Hải An", " in Hai An district"),
                    )
                },
            ),
            (
                "pháp luật về xử phạt vi phạm hành chính trong lĩnh vực hàng hải",
                "maritime administrative sanctions law",
                {"p": NOP},
            ),
        ),
        "m": (("chính quyền điện tử", "e-government"),),
        "s": (("bộ quy trình thủ tục hành chính", "administrative procedures"),),
        "u": (("giải quyết thủ tục hành chính", "administrative procedures"),),
        "p": (
            ("", ""),
            (" trên địa bàn thành phố Hải Phòng", " in Hai Phong"),
            (" tại huyện Thủy Nguyên", " in Thuy Nguyen district"),
            (" ở Việt Nam", " in Vietnam"),
        ),
    },
    "kw": (
        ("pháp luật", "law"),
        ("quản lý nhà nước", "state management"),
        ("đất đai", "land"),
        ("hành chính", "administration"),
        ("hợp đồng", "contract"),
        ("tranh chấp", "dispute"),
    ),
    "ctx": (
        (
            "Hoàn thiện thể chế là một trong ba đột phá chiến lược của Việt Nam.",
            "Institutional reform is one of Vietnam's three strategic breakthroughs.",
        ),
    ),
    "meth": (("phương pháp phân tích, tổng hợp và so sánh luật học", "legal analysis and comparison"),),
    "sample": (("với {n} hồ sơ vụ việc", "using {n} case files"),),
    "tool": (("phần mềm Excel", "Microsoft Excel"),),
    "find": (
        (
            "số vụ việc tồn đọng giảm {lo}% nhưng vẫn còn bất cập trong áp dụng pháp luật",
            "backlogs fell by {lo}% but application problems remain",
        ),
    ),
    "goal": (("hoàn thiện pháp luật và nâng cao hiệu quả thực thi", "better laws and enforcement"),),
    "aud": (("cơ quan xây dựng và thực thi pháp luật", "law-makers and enforcers"),),
    "book": (("Luật hành chính Việt Nam", "Vietnamese Administrative Law"),),
}
