"""Character tables for Vietnamese text: legacy encodings, marks, letters (data only)."""

# Combining marks, named as the Vietnamese tones and vowel marks they encode.
GRAVE, ACUTE, HOOK, TILDE, DOT = "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
# Tones in Vietnamese dictionary order: (none), huyền, hỏi, ngã, sắc, nặng.
TONES = (GRAVE, HOOK, TILDE, ACUTE, DOT)
SHAPES = (CIRCUMFLEX, BREVE, HORN)

# TCVN 5712:1993 (glibc charmap TCVN5712-1), byte 0xA1 upwards. The ABC ".VnTime"
# fonts use the same codes for lower-case letters and the capitals Ă Â Ê Ô Ơ Ư Đ;
# toned capitals are typed with the lower-case code in a ".VnTimeH" font.
TCVN3_A1_FF = (
    "ĂÂÊÔƠƯĐăâêôơưđẰ"  # A1-AF
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"  # B0-BF
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"  # C0-CF
    "éẹềểễếệìỉỄẾỒĩíịò"  # D0-DF
    "Ổỏõóọồổỗốộờởỡớợù"  # E0-EF
    "ỖủũúụừửữứựỳỷỹýỵỐ"  # F0-FF
)
# VN1 capitals in 0x80-0x9F: reach us as C1 controls (latin-1) or cp1252 characters.
TCVN3_80_9F = (
    "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"  # 80-8F
    "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"  # 90-9F
)
# VN1 capitals in the C0 control range (never legitimate text).
TCVN3_C0 = {
    0x01: "Ú", 0x02: "Ụ", 0x04: "Ừ", 0x05: "Ử", 0x06: "Ữ", 0x11: "Ứ",
    0x12: "Ự", 0x13: "Ỳ", 0x14: "Ỷ", 0x15: "Ỹ", 0x16: "Ý", 0x17: "Ỵ",
}
# cp1252 letters in 0x80-0x9F; a TCVN3 string holding one of these meant a VN1
# capital. cp1252 punctuation there (… – — “ ” ‰ €) is kept: real documents use it.
CP1252_LETTERS = {"ƒ": 0x83, "ˆ": 0x88, "Š": 0x8A, "Œ": 0x8C, "Ž": 0x8E, "˜": 0x98,
                  "š": 0x9A, "œ": 0x9C, "ž": 0x9E, "Ÿ": 0x9F}
# Bytes B0-B4 are combining tone marks in TCVN 5712; as text they read ° ± ² ³ ´.
TCVN3_COMBINING = "\u00b0\u00b1\u00b2\u00b3\u00b4"

# VNI Windows (VNI-Times): base letter followed by modifier characters.
VNI_TONE = {"ø": GRAVE, "ù": ACUTE, "û": HOOK, "õ": TILDE, "ï": DOT}
VNI_SHAPE = {"â": CIRCUMFLEX, "ê": BREVE}
VNI_SHAPE_TONE = {
    "à": CIRCUMFLEX + GRAVE, "á": CIRCUMFLEX + ACUTE, "å": CIRCUMFLEX + HOOK,
    "ã": CIRCUMFLEX + TILDE, "ä": CIRCUMFLEX + DOT,
    "è": BREVE + GRAVE, "é": BREVE + ACUTE, "ú": BREVE + HOOK,
    "ü": BREVE + TILDE, "ë": BREVE + DOT,
}
# Single-character VNI codes (lower case; capitals are these minus 0x20).
VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}

# VIQR (RFC 1456) mnemonics.
VIQR_TONE = {"`": GRAVE, "'": ACUTE, "?": HOOK, "~": TILDE, ".": DOT}
VIQR_SHAPE = {"^": CIRCUMFLEX, "(": BREVE, "+": HORN}

# Which shape marks each base vowel can take.
SHAPE_BASES = {CIRCUMFLEX: "aeo", BREVE: "a", HORN: "ou"}

# Vietnamese syllable structure (lower case, tones removed).
INITIALS = (
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
)
# Vowel nuclei and the positions (indexes) where the tone mark may sit; "oa", "oe",
# "uy" accept both the old (hòa) and the new (hoà) placement.
NUCLEI = {
    "iêu": "1", "yêu": "1", "oai": "1", "oay": "1", "oeo": "1", "uây": "1", "uôi": "1",
    "uya": "1", "uyê": "2", "uyu": "1", "ươi": "1", "ươu": "1",
    "ai": "0", "ao": "0", "au": "0", "ay": "0", "âu": "0", "ây": "0", "eo": "0",
    "êu": "0", "ia": "0", "iu": "0", "oi": "0", "ôi": "0", "ơi": "0", "ua": "0",
    "ui": "0", "ưa": "0", "ưi": "0", "ưu": "0",
    "iê": "1", "yê": "1", "uô": "1", "ươ": "1", "uâ": "1", "uê": "1", "uơ": "1", "oă": "1",
    "oa": "01", "oe": "01", "uy": "01", "oo": "01",
    "a": "0", "ă": "0", "â": "0", "e": "0", "ê": "0", "i": "0", "o": "0", "ô": "0",
    "ơ": "0", "u": "0", "ư": "0", "y": "0",
}
FINALS = ("ng", "nh", "ch", "c", "m", "n", "p", "t")
# Nuclei that never end a syllable ("tiên", "uống", "quân", "ăn": no "tiê", "uố"), those that end it (a vowel
# or glide last: "ai", "mua", "yêu": no "ain", "muan"), and "oo", found before -ng and -c only ("xoong",
# "soóc"; "Sóo" is no syllable). The others take a final or not ("ba", "ban").
NEEDS_FINAL = frozenset({"ă", "â", "iê", "yê", "uô", "uyê", "uâ", "oă"})
NO_FINAL = frozenset({
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa", "ưi", "ưu",
    "iêu", "yêu", "oai", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu",
})
FINALS_OF = {"oo": ("ng", "c")}
STOP_FINALS = ("c", "ch", "p", "t")


# Relative frequency (per mille) of the non-ASCII letters in Vietnamese text, lower
# case, counted over the viparse-corpus transcripts. Breaks ties in detection when a
# short string reads as valid Vietnamese both as Unicode and as legacy text.
LETTER_FREQUENCY = {
    "đ": 104, "á": 71, "à": 68, "ư": 52, "ệ": 43, "ế": 35, "ả": 30, "ô": 28, "ộ": 28,
    "ủ": 27, "ạ": 26, "ố": 26, "ị": 25, "ự": 23, "ề": 23, "â": 22, "ậ": 21, "ấ": 21,
    "ớ": 20, "ê": 19, "ơ": 18, "ă": 18, "í": 17, "ợ": 17, "ể": 17, "ụ": 16, "ờ": 13,
    "ầ": 13, "ó": 12, "ì": 12, "ứ": 12, "ổ": 11, "ý": 9, "ở": 9, "ã": 8, "ồ": 7,
    "ử": 7, "ẩ": 7, "ữ": 5, "ò": 5, "ừ": 5, "ọ": 5, "ỉ": 5, "ặ": 4, "ú": 4, "ù": 4,
    "ắ": 3, "ẫ": 3, "ỷ": 3, "é": 2, "ĩ": 2, "ỗ": 2, "ỹ": 2, "ằ": 2, "è": 2, "ễ": 1,
    "ỏ": 1, "õ": 1, "ũ": 1, "ỳ": 1, "ẽ": 1, "ẻ": 1,
}
