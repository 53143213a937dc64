"""detect() and to_unicode() on short strings: no false positives, NFD, VIQR."""

import unicodedata

import pytest

from stinet.vietnamese import Conversion, detect, encode, fix, is_syllable, nfc, to_unicode
from stinet.vietnamese.legacy import fix_typed

NOT_LEGACY = [
    "Nghiên cứu khoa học và công nghệ",
    "Nguyễn Văn An",
    "Hà Đông",
    "Hà Nội",
    "Đà Nẵng",
    "Kèm theo đơn:",
    "Diện tích chè 1.500 ha",
    "Cấp giấy phép",
    "Xe goòng lò nung Tuynen",
    "The quick brown fox jumps over the lazy dog.",
    "Don't stop: it's 5 o'clock? Yes. a.b. e.g. U.S.A.",
    "Café, naïve, résumé, déjà vu; l'hôpital à Paris, où est-il ?",
    "Größe für Müller; Straße, schön, Äpfel — § 5 Abs. 2",
    "«Bonjour», ça va? Noël, garçon, français",
    "https://www.most.gov.vn/vn/Pages/chitiettin.aspx?IDNews=12345&x=a.b",
    "vtthuong@most.gov.vn",
    "Microsoft® Word © 2005 — 25°C ± 0,5 µm",
    "IC50 (µM)", "µM", "10 µg/ml", "(µmol)", "5 µL", "µM/L", "Cu/µg",  # a unit alone in a cell: not TCVN3 "ÀM"
    "1.234,56 € – 78 %",
    "Bùi Minh Lan||Bùi Thu Phong",  # every word Vietnamese as it is: not TCVN3 "Bựi", "Vừ"
    "Võ Minh Giang||Võ Thanh Trang",
    "Bùi Bùi Võ Võ Lý Lý",
    "",
    "   ",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_unicode_and_foreign_text_is_not_legacy(text: str) -> None:
    assert detect(text) == "unicode"
    assert to_unicode(text) == Conversion(text, None)


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Nghiªn cøu", "tcvn3", "Nghiên cứu"),
        ("§a d¹ng sinh häc", "tcvn3", "Đa dạng sinh học"),
        ("Nghieân cöùu", "vni", "Nghiên cứu"),
        ("Ña daïng sinh hoïc", "vni", "Đa dạng sinh học"),
        ("Nghie^n cu+'u khoa ho.c", "viqr", "Nghiên cứu khoa học"),
        ("Ha` No^.i", "viqr", "Hà Nội"),
        ("Tru+o+`ng DDa.i ho.c Quo^'c gia Ha` No^.i.", "viqr",
         "Trường Đại học Quốc gia Hà Nội."),
    ],
)
def test_legacy_detected_and_converted(text: str, encoding: str, expected: str) -> None:
    assert detect(text) == encoding
    assert to_unicode(text) == Conversion(expected, encoding)
    assert fix(text) == to_unicode(text)


def test_nfd_is_a_conversion() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghiên cứu Đa dạng")
    assert detect(decomposed) == "nfd"
    assert to_unicode(decomposed) == Conversion("Nghiên cứu Đa dạng", "nfd")


@pytest.mark.parametrize(("typed", "expected"), [
    ("Vie\u0301\u0302t Nam", "Viết Nam"),  # e, acute, circumflex: "ế"
    ("Vie\u0323\u0302t Nam", "Việt Nam"),  # the dot below is ordered by Unicode itself
    ("a\u0300\u0306n", "ằn"), ("ca\u0309\u0302n", "cẩn"), ("Vie\u0301\u0302t", "Viết"),
    ("vi\u00e9\u0302t", "viết"),  # a composed "é" and a circumflex after it
])
def test_a_tone_typed_before_its_vowels_circumflex_or_breve_composes(typed: str, expected: str) -> None:
    """NFC alone left "é̂" (two characters, the circumflex apart): Unicode orders neither mark first."""
    assert to_unicode(typed) == Conversion(expected, "nfd")
    assert nfc(typed) == expected and len(nfc("e\u0301\u0302")) == 1


def test_a_circumflex_on_another_letter_stays() -> None:
    assert nfc("x\u0302 + y\u0306") == "x\u0302 + y\u0306"


@pytest.mark.parametrize(
    "text",
    [
        "I'm here. Is it ok? Yes.",
        "don't, won't, can't",
        "a.b. c.d. e.f.",
        "What? Why? Who?",
        "O'Brien and D'Arcy",
        "Use a^2 + b^2 (see eq. 3)",
        "odd address, added",
    ],
)
def test_viqr_detection_is_conservative(text: str) -> None:
    assert detect(text) == "unicode"


def test_explicit_encoding_and_unchanged_text() -> None:
    assert to_unicode("abc", "tcvn3") == Conversion("abc", None)
    assert to_unicode("Nghiªn", "tcvn3") == Conversion("Nghiên", "tcvn3")
    with pytest.raises(ValueError):
        to_unicode("abc", "latin-9")
    with pytest.raises(ValueError):
        encode("abc", "ebcdic")


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        ("Nghiên cứu", "tcvn3", "Nghiªn cøu"),
        ("Đường", "tcvn3", "§\xadêng"),
        ("Nghiên cứu", "vni", "Nghieân cöùu"),
        ("Nghiên cứu", "viqr", "Nghie^n cu+'u"),
        ("Đại học", "viqr", "DDa.i ho.c"),
    ],
)
def test_encode(text: str, encoding: str, expected: str) -> None:
    assert encode(text, encoding) == expected


def test_latin1_and_cp1252_readings_of_vn1_capitals_agree() -> None:
    # 0x83 is VN1 'Á': cp1252 shows 'ƒ', latin-1 a C1 control.
    assert to_unicode("\x83o", "tcvn3").text == to_unicode("ƒo", "tcvn3").text == "Áo"


@pytest.mark.parametrize("text", [
    "Hoi nghi “Lanh dao cac to chirc thong tin va thong ké KH&CN dia phuwong”",  # OCR, seed 004
    "Nghien cuu da dang sinh hoc bien Cat Ba nam 2015 theo phuong phap moi é",
])
def test_unaccented_text_with_a_stray_accent_is_not_legacy(text):
    assert detect(text) == "unicode"


def test_plainly_unicode_text_is_found_unicode_before_any_closer_look() -> None:
    """detect's first test after ASCII (asked of nearly every cell an importer reads) never says
    yes where a closer look would convert the text, nor to decomposed text, and says yes for
    ordinary Vietnamese text."""
    import random

    from stinet.vietnamese.legacy import _PLAIN_ALLOWED, _VN_HIGH, _plainly_unicode

    r = random.Random(5)
    alphabet = ["Việt", "Nam", "à", "ê", "Cà", "Mau", "ộ", "Ư", "¸", "µ", "ª", "®", "Ö", "oà",
                unicodedata.normalize("NFD", "ộ"), "é", "–", " ", "a", "1", "Q§"]
    for _ in range(5000):
        text = "".join(r.choice(alphabet) for _ in range(r.randint(1, 8)))
        chars = set(text)
        assert _plainly_unicode(text) == (not chars.isdisjoint(_VN_HIGH) and chars <= _PLAIN_ALLOWED), text
        if _plainly_unicode(text):
            assert detect(text) == "unicode", text
    assert _plainly_unicode("Nghiên cứu khoa học và công nghệ")
    assert not _plainly_unicode("Cà Mau")  # no letter beyond Latin-1: detect looks closer
    assert not _plainly_unicode("Nguyễn ¸nh")
    assert not _plainly_unicode("plain ascii")  # may be VIQR
    assert detect(unicodedata.normalize("NFD", "Nghiên cứu khoa học")) == "nfd"


@pytest.mark.parametrize(("text", "likely", "expected"), [
    ("Côc SHTT", "tcvn3", "Cục SHTT"),  # alone it reads as Unicode as well
    ("Vô CSHT", "tcvn3", "Vụ CSHT"),
    ("Ghi chó", "tcvn3", "Ghi chú"),
    ("Thu phí leä phí", "vni", "Thu phí lệ phí"),
    ("Cô giáo", "tcvn3", "Cô giáo"),  # Unicode reads far better: it stays
    ("Cô giáo", "vni", "Cô giáo"),  # a lone ô read as VNI's ơ is no evidence
    ("Bà mẹ", "tcvn3", "Bà mẹ"),  # ẹ is no character TCVN3 text shows
    ("Hà Nội", "vni", "Hà Nội"),
    ("Côc SHTT", None, "Côc SHTT"),  # without neighbours, no guess
    ("Ho`a", "viqr", "Hòa"),  # one VIQR word: too little on its own, enough beside VIQR text
    ("Ta^.p 2", "viqr", "Tập 2"),
    ("DDa`o Duy Anh", "viqr", "Đào Duy Anh"),
    ("Ho`a", None, "Ho`a"),
    ("e.g. ISO 9001.", "viqr", "e.g. ISO 9001."),  # "ẹg" is no Vietnamese syllable
    ("Hello world.", "viqr", "Hello world."),
    # a "." or "?" ending a word is punctuation as often as a tone: no evidence ("gỏ", "mẹ", "Nọ", "ạm." were made)
    ("Where should the fishing fleet go?", "viqr", "Where should the fishing fleet go?"),
    ("Tell me.", "viqr", "Tell me."), ("a.m.", "viqr", "a.m."), ("Vol. 2 No. 3", "viqr", "Vol. 2 No. 3"),
    ("No. 1, No. 2, No. 3", None, "No. 1, No. 2, No. 3"), ("Let it be. Let it go.", "viqr", "Let it be. Let it go."),
    ("Toa'n ho.c", "viqr", "Toán học"), ("Kinh te^'", "viqr", "Kinh tế"),
    ("Çà et là", "tcvn3", "Çà et là"),  # QA 20: French beside TCVN3 rows read "ầỔ et lỔ": a capital inside a word
    # QA 20: "Sóo" (TCVN3's reading) has "oo" without the -ng or -c it always has ("xoong", "soóc")
    ("São Paulo", "tcvn3", "São Paulo"), ("Đại học São Paulo", "tcvn3", "Đại học São Paulo"),
])
def test_a_likely_encoding_reads_short_values_its_neighbours_are_in(text, likely, expected):
    assert to_unicode(text, likely=likely).text == expected


@pytest.mark.parametrize(("word", "syllable"), [
    ("tiên", True), ("tiê", False), ("uống", True), ("uố", False), ("ăn", True), ("ă", False), ("quân", True),
    ("hoặc", True), ("hoặ", False), ("khuyên", True), ("khuyê", False),  # these nuclei never end a syllable
    ("mua", True), ("muan", False), ("yêu", True), ("yêun", False), ("ai", True), ("aim", False),  # these always do
    ("xoong", True), ("soóc", True), ("Sóo", False), ("goòng", True), ("oon", False),  # "oo" only before -ng, -c
    ("hươ", True), ("thuở", True), ("người", True), ("nghiêng", True), ("huých", True), ("hoà", True), ("hòa", True),
    ("tiếp", True), ("tiềp", False),  # a stop final takes the acute or the dot below only
])
def test_syllable_shapes(word, syllable):
    assert is_syllable(word) is syllable


@pytest.mark.parametrize(("typed", "expected", "encoding"), [
    ("®a d¹ng sinh häc", "đa dạng sinh học", "tcvn3"),
    ("Nghiªn cøu", "Nghiên cứu", "tcvn3"),
    ("ña daïng sinh hoïc", "đa dạng sinh học", "vni"),
    ("Nghieân cöùu", "Nghiên cứu", "vni"),
    ("dda da.ng sinh ho.c", "đa dạng sinh học", "viqr"),
    ("chè", "chè", None),  # good Unicode that TCVN3 reads as 'chố': a query is taken as typed
    ("cây chè", "cây chè", None), ("óc", "óc", None), ("café", "café", None), ("Hải Phòng", "Hải Phòng", None),
    ("year:2015..2020 giao duc", "year:2015..2020 giao duc", None), ("Hai Phong?", "Hai Phong?", None),
    # a word or two of VIQR: a mark inside a word, English does not write ("don't" reads as no syllable)
    ("bie^'n", "biến", "viqr"), ("vie^.t nam", "việt nam", "viqr"), ("qua?n ly'", "quản lý", "viqr"),
    ("Ma'y ti'nh", "Máy tính", "viqr"), ("don't", "don't", None), ("O'Brien", "O'Brien", None),
    ("rock'n'roll", "rock'n'roll", None), ("ca'", "ca'", None),
])
def test_a_typed_query_is_converted_only_when_it_does_not_read_as_unicode(typed, expected, encoding):
    assert fix_typed(typed) == (expected, encoding)


@pytest.mark.parametrize(("text", "expected"), [
    ("NguyÔn Văn An", "Nguyễn Văn An"),  # the family name left in TCVN3, the rest retyped
    ("Nghiªn cøu đa dạng sinh học", "Nghiên cứu đa dạng sinh học"),
    ("Trần Thị Bình và NguyÔn V¨n An", "Trần Thị Bình và Nguyễn Văn An"),
    ("Đánh giá tÝnh bền vững", "Đánh giá tính bền vững"),
])
def test_words_left_in_tcvn3_inside_unicode_text_are_converted(text: str, expected: str) -> None:
    """A cell retyped in part: the text proves Unicode ('ă', 'ư', 'ạ'), its garbage words read as
    syllables in TCVN3. The Unicode words stay (whole-cell TCVN3 would have made "Văn" garbage)."""
    assert to_unicode(text) == Conversion(expected, "tcvn3")


@pytest.mark.parametrize(("text", "expected"), [
    ("Nguyeãn Văn An", "Nguyễn Văn An"),  # VNI's marks are letters Unicode has too: "eã" is no Vietnamese
    ("Nghieân cöùu đa dạng sinh hoïc", "Nghiên cứu đa dạng sinh học"),
    ("Trường Ñaïi hoïc Hàng hải", "Trường Đại học Hàng hải"),
    ("coâng nghệ thông tin", "công nghệ thông tin"),  # TCVN3 reads "coõng" too: the likelier letters win
])
def test_words_left_in_vni_inside_unicode_text_are_converted(text: str, expected: str) -> None:
    assert to_unicode(text) == Conversion(expected, "vni")


@pytest.mark.parametrize("text", [
    "naïve ở Việt Nam", "José García và cộng sự", "Hoà bình ở Việt Nam", "hoãn lại và hoá học ở Việt Nam",
    "Nguyễn Thị Hoà", "Gärtner và Đỗ Văn Ết", "Ñandú ở Nam Mỹ",
])
def test_unicode_text_with_foreign_words_is_not_read_as_vni(text: str) -> None:
    assert to_unicode(text) == Conversion(text, None)


@pytest.mark.parametrize("text", [
    "ĐÁNH GIÁ HIỆU QUẢ", "Ông Nguyễn Văn Ánh", "Müller và cộng sự", "café ở Hà Nội", "iPhone của Đức",
    "Nguyễn Văn An (Ö-nhóm)", "Nghiên cứu ± 5 µm ở Việt Nam", "Phạm NgỌc Anh", "Độ dày (µm) của lá",
    "Kích thước hạt 5–10 µm", "hạt 10µm", "Tạp chí, Nº 12", "McDonald và Nguyễn",
])
def test_unicode_text_with_foreign_words_or_capitals_is_not_mended(text: str) -> None:
    """Units and signs of two letters ("µm" would read TCVN3 "àm") and numbers are no evidence."""
    assert to_unicode(text) == Conversion(text, None)


@pytest.mark.parametrize("text", [
    "Nghiên cứu thủy sản ven biển Hải Phòng».", "«Hải Phòng»", "Đề tài «Công nghệ sinh học»",
    "“Công nghệ” và «Hải Phòng»", "(Phòng thí nghiệm)", "«Công nghệ»",
])
def test_unicode_words_in_quotation_marks_stay_as_they_are(text: str) -> None:
    """TCVN3 writes "ô" and "ả" with « and », VNI reads "ò" as a mark: good Unicode between guillemets is no
    legacy text ("Phòng»" became VNI "Phịng»", on import, harvest and a member's own export imported back)."""
    assert to_unicode(text) == Conversion(text, None)
    assert detect(text) == "unicode"


def test_a_tcvn3_word_starting_with_its_o_circumflex_is_still_converted() -> None:
    assert to_unicode("«ng Nguyễn Văn An") == Conversion("ông Nguyễn Văn An", "tcvn3")


@pytest.mark.parametrize(("text", "expected"), [("Tröông Minh «Bình", "Trương Minh «Bình"),
                                                ("Ñinh Quang «Bình»", "Đinh Quang «Bình»")])
def test_vni_text_with_a_quoted_word_of_latin1_letters_is_still_converted(text: str, expected: str) -> None:
    """A quoted word proves Unicode only with a letter legacy text never shows ("«Bình" reads in VNI too)."""
    assert to_unicode(text) == Conversion(expected, "vni")
