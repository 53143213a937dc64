"""Topic vocabularies (Vietnamese, English) for medicine and public health."""

from __future__ import annotations

MEDICINE = {
    "fos": (("302", 6), ("301", 1), ("305", 2), ("303", 1)),
    "deg": (("Y học", "Medicine"), ("Y tế công cộng", "Public Health"), ("Dược học", "Pharmacy")),
    "generic": False,
    "titles": (
        (
            "Đặc điểm lâm sàng, cận lâm sàng và kết quả điều trị {d}{h}",
            "Clinical and paraclinical features and treatment outcomes of {d}{h}",
            False,
            "treat",
        ),
        ("Đánh giá kết quả {r} điều trị {d}{h}", "Outcomes of {r} for {d}{h}", True, "treat"),
        (
            "Thực trạng {c} và một số yếu tố liên quan ở {g}{p}{yr}",
            "{c} and associated factors among {g}{p}{yr}",
            False,
            "prev",
        ),
        ("Tỷ lệ mắc {c} ở {g}{p}{yr}", "Prevalence of {c} among {g}{p}{yr}", False, "prev"),
        ("Nghiên cứu {x} ở bệnh nhân {d}", "{x} in patients with {d}", True, "char"),
        ("Hiệu quả can thiệp {i} cho {g}{p}", "Effectiveness of {i} for {g}{p}", False, "prev"),
        ("Khảo sát tình hình sử dụng {k}{h}{yr}", "Use of {k}{h}{yr}", True, "drug"),
    ),
    "slots": {
        "d": (
            (
                "viêm phổi nặng ở trẻ em",
                "severe pneumonia in children",
                {
                    "h": (
                        (" tại Bệnh viện Trẻ em Hải Phòng", " at Hai Phong Children's Hospital"),
                        ("", ""),
                    )
                },
            ),
            ("ung thư đại trực tràng", "colorectal cancer"),
            ("sỏi niệu quản", "ureteral stones"),
            ("đái tháo đường típ 2", "type 2 diabetes"),
            ("nhồi máu não cấp", "acute ischaemic stroke"),
            ("gãy kín thân xương đùi", "closed femoral shaft fractures"),
            ("viêm ruột thừa cấp", "acute appendicitis"),
            ("xơ gan", "liver cirrhosis"),
            ("suy tim mạn tính", "chronic heart failure"),
            ("ung thư phổi không tế bào nhỏ", "non-small cell lung cancer"),
            ("thoát vị đĩa đệm cột sống thắt lưng", "lumbar disc herniation"),
        ),
        "r": (
            (
                "phẫu thuật nội soi",
                "laparoscopic surgery",
                {
                    "d": (
                        ("viêm ruột thừa cấp", "acute appendicitis"),
                        ("ung thư đại trực tràng", "colorectal cancer"),
                        ("sỏi túi mật", "gallstones"),
                    )
                },
            ),
            (
                "tán sỏi nội soi ngược dòng bằng laser",
                "retrograde laser lithotripsy",
                {"d": (("sỏi niệu quản", "ureteral stones"),)},
            ),
            (
                "kết xương bằng đinh nội tủy có chốt",
                "interlocking intramedullary nailing",
                {
                    "d": (
                        ("gãy kín thân xương đùi", "closed femoral shaft fractures"),
                        ("gãy kín thân xương chày", "closed tibial shaft fractures"),
                    )
                },
            ),
            (
                "hóa trị phác đồ FOLFOX4",
                "FOLFOX4 chemotherapy",
                {"d": (("ung thư đại trực tràng giai đoạn muộn", "advanced colorectal cancer"),)},
            ),
            (
                "lấy huyết khối cơ học",
                "mechanical thrombectomy",
                {"d": (("nhồi máu não cấp", "acute ischaemic stroke"),)},
            ),
            (
                "phẫu thuật lấy nhân đệm",
                "discectomy",
                {"d": (("thoát vị đĩa đệm cột sống thắt lưng", "lumbar disc herniation"),)},
            ),
        ),
        "h": (
            ("", ""),
            (" tại Bệnh viện Hữu nghị Việt Tiệp", " at Viet Tiep Friendship Hospital"),
            (" tại Bệnh viện Hữu nghị Việt Tiệp", " at Viet Tiep Friendship Hospital"),
            (" tại Bệnh viện Kiến An", " at Kien An Hospital"),
            (" tại Bệnh viện Đại học Y Hải Phòng", " at Hai Phong Medical University Hospital"),
        ),
        "c": (
            (
                "thừa cân, béo phì",
                "overweight and obesity",
                {
                    "g": (
                        ("học sinh tiểu học", "primary school pupils"),
                        ("học sinh trung học cơ sở", "lower-secondary pupils"),
                    )
                },
            ),
            (
                "tăng huyết áp",
                "hypertension",
                {
                    "g": (
                        ("người cao tuổi", "older people"),
                        ("ngư dân", "fishermen"),
                        ("công nhân khu công nghiệp", "industrial workers"),
                    )
                },
            ),
            (
                "sâu răng",
                "dental caries",
                {
                    "g": (
                        ("học sinh tiểu học", "primary school pupils"),
                        ("trẻ em mầm non", "preschool children"),
                    )
                },
            ),
            (
                "thiếu máu",
                "anaemia",
                {
                    "g": (
                        ("phụ nữ mang thai", "pregnant women"),
                        ("trẻ em dưới 5 tuổi", "children under five"),
                    )
                },
            ),
            (
                "rối loạn lo âu",
                "anxiety disorders",
                {"g": (("điều dưỡng", "nurses"), ("sinh viên y khoa", "medical students"))},
            ),
            (
                "bệnh bụi phổi silic",
                "silicosis",
                {
                    "g": (
                        ("công nhân khai thác đá", "quarry workers"),
                        ("công nhân sản xuất xi măng", "cement workers"),
                    )
                },
            ),
            (
                "suy dinh dưỡng",
                "malnutrition",
                {"g": (("trẻ em dưới 5 tuổi", "children under five"),)},
            ),
            (
                "đau thắt lưng",
                "low back pain",
                {"g": (("công nhân may", "garment workers"), ("điều dưỡng", "nurses"))},
            ),
        ),
        "g": (("người cao tuổi", "older people"), ("trẻ em dưới 5 tuổi", "children under five")),
        "p": (
            ("", ""),
            ("", ""),
            (" tại Hải Phòng", " in Hai Phong"),
            (" huyện Thủy Nguyên", " in Thuy Nguyen"),
            (" quận Lê Chân, thành phố Hải Phòng", " in Le Chan district, Hai Phong"),
            (" huyện đảo Cát Hải", " in Cat Hai island district"),
        ),
        "x": (
            ("đặc điểm hình ảnh cắt lớp vi tính", "CT imaging features"),
            ("nồng độ NT-proBNP huyết thanh", "serum NT-proBNP"),
            ("một số chỉ số sinh hóa máu", "blood biochemistry"),
            ("chất lượng cuộc sống", "quality of life"),
        ),
        "i": (
            (
                "truyền thông giáo dục sức khỏe",
                "health education",
                {
                    "g": (
                        ("người cao tuổi tăng huyết áp", "older people with hypertension"),
                        ("người bệnh đái tháo đường típ 2", "people with type 2 diabetes"),
                    )
                },
            ),
            (
                "bổ sung vi chất dinh dưỡng",
                "micronutrient supplements",
                {
                    "g": (
                        ("trẻ em dưới 5 tuổi suy dinh dưỡng", "malnourished children under five"),
                        ("phụ nữ mang thai", "pregnant women"),
                    )
                },
            ),
        ),
        "k": (
            ("kháng sinh", "antibiotics"),
            ("thuốc điều trị tăng huyết áp", "antihypertensives"),
            ("thuốc giảm đau sau phẫu thuật", "post-operative analgesics"),
            ("thuốc điều trị đái tháo đường", "antidiabetic drugs"),
        ),
    },
    "finds": {
        "treat": (
            (
                "tỷ lệ điều trị thành công đạt {hi}%, có {k} trường hợp gặp biến chứng",
                "treatment succeeded in {hi}% of cases, with {k} complications",
            ),
            (
                "thời gian nằm viện trung bình là {k} ngày, {hi}% người bệnh có kết quả tốt khi ra viện",
                "mean stay was {k} days; {hi}% had good outcomes at discharge",
            ),
            (
                "tuổi trung bình của bệnh nhân là {v}, nam giới chiếm {pct}%",
                "mean age was {v}; {pct}% were men",
            ),
        ),
        "prev": (
            (
                "tỷ lệ mắc chung là {lo}%, cao hơn có ý nghĩa thống kê ở nhóm có kiến thức "
                "phòng bệnh chưa đạt (p < 0,05)",
                "prevalence was {lo}%, significantly higher among those with poor knowledge (p < 0.05)",
            ),
            (
                "có mối liên quan có ý nghĩa thống kê giữa tình trạng bệnh với tuổi, nghề nghiệp "
                "và thói quen sinh hoạt",
                "the condition is significantly associated with age, occupation and lifestyle",
            ),
        ),
        "char": (
            (
                "có mối tương quan thuận giữa chỉ số này với mức độ nặng của bệnh (r = 0,{k}{k}; p < 0,01)",
                "the index correlates with disease severity (r = 0.{k}{k}; p < 0.01)",
            ),
        ),
        "drug": (
            (
                "tỷ lệ đơn thuốc đạt yêu cầu theo hướng dẫn của Bộ Y tế là {hi}%, có {k} cặp tương tác thuốc cần lưu ý",
                "{hi}% of prescriptions met Ministry of Health guidelines; {k} drug interactions need attention",
            ),
        ),
    },
    "kw": (
        ("lâm sàng", "clinical"),
        ("cận lâm sàng", "paraclinical"),
        ("điều trị", "treatment"),
        ("tỷ lệ mắc", "prevalence"),
        ("yếu tố liên quan", "associated factors"),
        ("phẫu thuật nội soi", "laparoscopy"),
        ("Hải Phòng", "Hai Phong"),
        ("bệnh nhân", "patients"),
        ("y tế công cộng", "public health"),
        ("dinh dưỡng", "nutrition"),
        ("kháng sinh", "antibiotics"),
        ("chất lượng cuộc sống", "quality of life"),
    ),
    "ctx": (
        (
            "Đây là vấn đề sức khỏe thường gặp, ảnh hưởng lớn đến chất lượng cuộc sống của người "
            "bệnh và gánh nặng chi phí y tế.",
            "This common health problem weighs heavily on patients and on health spending.",
        ),
    ),
    "meth": (
        ("thiết kế nghiên cứu mô tả cắt ngang", "a cross-sectional descriptive design"),
        ("thiết kế nghiên cứu can thiệp lâm sàng không đối chứng", "an uncontrolled trial"),
        ("thiết kế nghiên cứu hồi cứu kết hợp tiến cứu", "a retro- and prospective design"),
    ),
    "sample": (
        ("trên {n} bệnh nhân được điều trị nội trú", "on {n} inpatients"),
        ("trên {n} đối tượng được chọn ngẫu nhiên", "on {n} randomly selected subjects"),
    ),
    "tool": (
        ("phần mềm SPSS 20.0", "SPSS 20.0"),
        ("phần mềm Stata 14", "Stata 14"),
        ("phần mềm Epi Info", "Epi Info"),
    ),
    "find": (
        (
            "tỷ lệ đáp ứng điều trị đạt {hi}%, có {k} trường hợp cần điều chỉnh phác đồ",
            "{hi}% responded to treatment; {k} needed regimen changes",
        ),
        (
            "tỷ lệ mắc chung là {lo}%, cao hơn ở nhóm trên 60 tuổi",
            "overall prevalence was {lo}%, higher above age 60",
        ),
        (
            "tuổi trung bình của bệnh nhân là {v}, nam giới chiếm {pct}%",
            "mean age was {v}; {pct}% were men",
        ),
    ),
    "goal": (
        ("nâng cao hiệu quả chẩn đoán và điều trị", "better diagnosis and treatment"),
        ("dự phòng và kiểm soát bệnh tại cộng đồng", "prevention in the community"),
    ),
    "aud": (
        ("các cơ sở khám chữa bệnh", "hospitals and clinics"),
        ("ngành y tế Hải Phòng", "the Hai Phong health sector"),
    ),
    "book": (("Bệnh học nội khoa", "Internal Medicine"), ("Dịch tễ học", "Epidemiology")),
}
