"""Files that are UTF-8 (or UTF-16) but for a few damaged bytes: read as such, the damage located."""

import codecs

import pytest

from stinet.vietnamese import detect_encoding_of_bytes, encode
from stinet.vietnamese.decode import decode_text

GOOD = ("id,dc.title,dc.contributor.author\n"
        "1,Nghiên cứu ứng dụng vi sinh vật xử lý nước thải,Đặng Thị Hương\n"
        "2,Đánh giá hiện trạng rừng ngập mặn Tiên Lãng,Vũ Quốc Việt\n")
BAD_LINE = "3,Tiêu đề có byte lỗi ".encode() + b"\xff" + " ở đây,Tác giả\n".encode()


def test_one_stray_byte_in_a_utf8_file_leaves_it_utf8_and_says_where():
    decoded = decode_text(GOOD.encode() + BAD_LINE)
    assert decoded.encoding == "utf-8"
    assert decoded.text == GOOD + "3,Tiêu đề có byte lỗi \ufffd ở đây,Tác giả\n"
    assert decoded.damaged == ((4, "FF"),)


def test_with_a_bom_the_damage_is_located_too():
    decoded = decode_text(codecs.BOM_UTF8 + GOOD.encode() + BAD_LINE)
    assert (decoded.encoding, decoded.damaged) == ("utf-8", ((4, "FF"),))


def test_utf16_with_a_bom_and_a_lone_surrogate():
    data = "dc.title\nHải Phòng\n".encode("utf-16-le")
    decoded = decode_text(codecs.BOM_UTF16_LE + data + b"\x00\xd8" + "x\n".encode("utf-16-le"))
    assert decoded.encoding == "utf-16" and decoded.damaged == ((3, "00 D8"),)


@pytest.mark.parametrize("end", ["\n", "\r\n", "\r"])
def test_lines_are_counted_as_csv_counts_them(end):
    data = f"Tiêu đề{end}{end}Hải Phòng ".encode() + b"\xff" + f"{end}Đà Nẵng{end}".encode()
    assert decode_text(data).damaged == ((3, "FF"),)


def test_several_damaged_spots_each_with_its_line():
    data = GOOD.encode() + b"4,Ti\xc3\xaau \xe1\xbb x\n5,ok\n6,\xfe\xfe y\n"
    assert decode_text(data).damaged == ((4, "E1 BB"), (6, "FE FE"))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_legacy_text_with_a_stray_valid_utf8_pair_is_still_legacy(encoding):
    data = encode(GOOD, encoding).encode("cp1252") + "é\n".encode()  # one valid UTF-8 sequence
    decoded = decode_text(data)
    assert decoded.encoding == "cp1252" and decoded.damaged == ()


def test_the_tuple_form_still_answers_text_and_encoding():
    assert detect_encoding_of_bytes(GOOD.encode() + BAD_LINE)[1] == "utf-8"
