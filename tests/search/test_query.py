"""The query language, parsed into clauses (pure, no database)."""

import pytest

from stinet.search.query import SearchError, compact_identifier, parse, require_words


def test_plain_words_are_one_clause_folded_and_exact():
    q = parse("Đa dạng sinh học")
    assert len(q.clauses) == 1
    assert q.clauses[0].words == ["da", "dang", "sinh", "hoc"]
    assert q.clauses[0].exact == ["đa", "dạng", "sinh", "học"]
    assert not q.clauses[0].phrase and not q.clauses[0].negate


@pytest.mark.parametrize(("text", "field", "words", "phrase", "negate"), [
    ('"cây chè"', None, ["cay", "che"], True, False),
    ("title:biển", "title", ["bien"], False, False),
    ('author:"Nguyễn Văn An"', "author", ["nguyen", "van", "an"], True, False),
    ("-rạn", None, ["ran"], False, True),
    ('-"san hô"', None, ["san", "ho"], True, True),
    ("subject:chè", "subject", ["che"], False, False),
    ("tacgia:An", "author", ["an"], False, False),
    ("(title:biển)", "title", ["bien"], False, False),  # QA 21: in brackets it was the words "title" and "biển"
    ('-(title:"san hô")', "title", ["san", "ho"], True, True),
])
def test_fielded_phrases_and_exclusions(text, field, words, phrase, negate):
    (clause,) = parse(text).clauses
    assert (clause.field, clause.words, clause.phrase, clause.negate) == (field, words, phrase, negate)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("year:2015..2020", 2015, 2020), ("year:2018", 2018, 2018), ("year:2015..", 2015, None),
    ("year:..2010", None, 2010), ("nam:2001", 2001, 2001),
])
def test_year_ranges(text, low, high):
    q = parse(text)
    assert (q.year_from, q.year_to) == (low, high) and q.is_empty


def test_filters_and_words_together():
    q = parse("cảng biển type:thesis org:HPU year:2019..2021")
    assert q.filters == {"type": ["thesis"], "org": ["HPU"]}
    assert q.clauses[0].words == ["cang", "bien"]


@pytest.mark.parametrize("text", ["KH&CN", "KHCN", "khoa học và công nghệ", "KH-CN"])
def test_equivalent_forms_become_one_token(text):
    q = parse(f"ứng dụng {text}")
    assert q.equivalences == ["khcn"]
    assert q.clauses[0].words == ["ung", "dung"]


def test_empty_and_punctuation_only():
    assert parse("").is_empty and parse('  "" - : ').is_empty


@pytest.mark.parametrize("text", ["author:", "title:", "-tacgia:", "TITLE:"])
def test_a_field_name_with_nothing_after_it_is_no_word(text):
    assert parse(f"cảng {text}").clauses == parse("cảng").clauses  # "author:" was searched as the word author
    assert [c.words for c in parse("http: cảng").clauses] == [["http", "cang"]]  # not a field: a word


def test_malformed_year_is_refused_with_the_syntax():
    with pytest.raises(SearchError, match="year: 'abc' is not a year or a range such as year:2015..2020"):
        parse("year:abc")


def test_negated_filters_and_years_are_exclusions():
    q = parse("biển -type:thesis -org:HPU org:VMU -year:2020 -year:..2000 year:2010..")
    assert q.filters == {"org": ["VMU"]} and q.excluded == {"type": ["thesis"], "org": ["HPU"]}
    assert q.excluded_years == [(2020, 2020), (None, 2000)] and (q.year_from, q.year_to) == (2010, None)


@pytest.mark.parametrize(("q", "expected"), [
    ("biển OR sông", [[["bien"], ["song"]]]),
    ("đa dạng OR san hô", [[["dang"], ["san"]], ["da", "ho"]]),
    ('"san hô" OR title:rạn OR author:An', [[["san", "ho"], ["ran"], ["an"]]]),
    ("OR biển OR", [["bien"]]),  # nothing to join
    ("-biển OR sông", ["-bien", ["song"]]),  # an exclusion is no choice
    ("biển AND sông", [["bien", "song"]]),
    ("biển NOT sông", ["-song", ["bien"]]),
    ("biển or sông", [["bien", "or", "song"]]),  # lower case: words
])
def test_or_and_not_join_and_exclude_items(q, expected):
    def shape(c):
        if c.any_of:
            return [a.words for a in c.any_of]
        return "-" + " ".join(c.words) if c.negate else c.words
    assert [shape(c) for c in parse(q).clauses] == expected


@pytest.mark.parametrize(("q", "years"), [
    ("year:2018 OR year:2020 biển", (2018, 2020)),  # either year: the years from one to the other
    ("year:2018 OR year:..2010", (None, 2018)),
    ("year:2015..2016 OR year:2019.. year:2016..2030", (2016, 2030)),  # and the item beside it holds too
])
def test_years_joined_by_or_are_the_range_they_span(q, years):
    found = parse(q)
    assert (found.year_from, found.year_to) == years


@pytest.mark.parametrize(("q", "words"), [
    ("cuoc doi 1945", ["cuoc", "doi", "1945"]),  # đời typed without marks, no DOI
    ("thay doi 10 nam", ["thay", "doi", "10", "nam"]),
    ("DOI 10.1234/abc", ["10", "1234", "abc"]),
    ("978-604-1-23456-7", ["9786041234567"]),  # an ISBN: its digits as one word
    ("0-8044-2957-X", ["080442957x"]),
    ("0912-345-678", ["0912", "345", "678"]),  # a telephone number: its check digit is no ISBN's
    ("01-2016-2020", ["01", "2016", "2020"]),
])
def test_identifiers_are_read_as_such_and_words_as_words(q, words):
    assert [w for c in parse(q).clauses for w in c.words] == words


@pytest.mark.parametrize("q", ["type:thesis OR biển", "year:2018 OR org:HPU", "nam:2018 OR loai:thesis",
                               "biển OR type:book"])
def test_or_between_a_filter_and_something_else_is_refused(q):
    with pytest.raises(SearchError, match="^OR joins words, phrases and fielded words, or values of one filter"):
        parse(q)


@pytest.mark.parametrize(("text", "prefix"), [("isbn:978-604", "isbn"), ("isbn:978", "isbn"), ("issn:1859-3100", ""),
                                             ("isbn:978-0-306-40615-7", ""), ("978-0-306-40615-7", ""),
                                             ("isbn:0-306-40615-2", "isbn"),  # an ISBN-10: its digits start one
                                             ("issn:1859", "issn"), ("isbn:978-604-91", "isbn"),
                                             ("isbn:978-604-913-1", "isbn")])  # 8, 10 digits
def test_the_first_digits_of_an_isbn_are_the_start_of_one(text, prefix):
    """QA 22: isbn:978-604 (a publisher's books) found nothing: its digits were looked for as a whole word."""
    clause, = parse(text).clauses
    assert clause.identifier_prefix == prefix and clause.words == [compact_identifier(text.partition(":")[2]
                                                                                      or text)]


@pytest.mark.parametrize("text", ["doi:10", "doi:abc", "doi:1.5/x", "isbn:97"])
def test_a_doi_that_does_not_start_as_one_or_two_digits_of_an_isbn_are_refused(text):
    """QA 22: doi:10 found 159 works with "lớp 10", doi:abc was respelled "doi:bac" (362 works on "Bắc")."""
    with pytest.raises(SearchError):
        parse(text)
    assert parse("doi:10.1234").clauses and parse("doi:10.1234/abc-1").clauses[0].phrase


@pytest.mark.parametrize("text", ["isbn:abc", "issn:a-b", '-isbn:"no digits"'])
def test_an_isbn_or_issn_without_digits_is_refused(text):
    """QA 21: "isbn:abc" left no word to look for and found the whole catalogue."""
    with pytest.raises(SearchError, match=r"is no ISBN or ISSN|không phải ISBN hay ISSN"):
        parse(text)
    assert parse("isbn:").is_empty  # a field's name with nothing after it: nothing asked, as "author:"


def test_a_pasted_text_of_many_words_asks_for_each_word_once():
    """QA 21: "biển" typed 199 times took PostgreSQL 2.3 s (each a condition and a ranking term)."""
    (clause,) = parse("biển " * 199 + "đảo").clauses
    assert (clause.words, clause.exact) == (["bien", "dao"], ["biển", "đảo"])
    (short,) = parse("học sinh học").clauses  # a few words keep their order and repeats ("sinh học" side by side)
    assert short.words == ["hoc", "sinh", "hoc"]


@pytest.mark.parametrize("text", ['"Văn bản số 5"', '"Hồ Chí Minh tập 1"', '"Kim loại nhóm B"', '"Lý thuyết nhóm G"',
                                  '"Đồng vị C 14"', '"Đào tạo ThS"'])
def test_a_quoted_phrase_starting_with_a_family_name_stays_a_phrase(text):
    """Review 21: a one-letter word (no initial without its dot) or a title after the words made these names."""
    (clause,) = parse(text).clauses
    assert clause.phrase and clause.field is None


@pytest.mark.parametrize("text", ['"PGS.TS. Nguyễn Văn An"', '"Nguyễn V. An"', '"V.A. Nguyen"', '"Lê Văn Sơn, PGS.TS"'])
def test_a_quoted_name_with_titles_or_initials_is_an_author_clause(text):
    assert all(c.field == "author" for c in parse(text).clauses)


@pytest.mark.parametrize(("text", "meant"), [("titel:biển", "title"), ("autor:nguyen", "author"),
                                             ("subjet:san hô", "subject"), ("-yaer:2015", "year")])
def test_a_mistyped_field_name_is_refused_saying_the_one_meant(text, meant):
    """QA 22: titel:bien, autor:nguyen found nothing and said nothing."""
    with pytest.raises(SearchError, match=f"no such field; {meant}: perhaps|không có trường này; có phải {meant}:"):
        parse(text)


@pytest.mark.parametrize("text", ["Note: biển", "chuong: 2", "do: bao", "Hải Phòng: thực trạng", "site: biển",
                                  "time: 2020", "file: biển", "object: biển", "yield: lúa", "duoi: cá"])
def test_other_words_before_a_colon_are_text(text):
    assert parse(text).clauses


@pytest.mark.parametrize("text", ["%", "(((", '""', "-", "AND OR NOT", "&&", "title:", "...", "'"])
def test_a_query_of_signs_or_operators_alone_asks_for_no_words(text):
    with pytest.raises(SearchError, match="no word to search for|không có từ nào"):
        require_words(parse(text))


@pytest.mark.parametrize("text", ["", "  ", "*", "và", "中文", "-KHCN", "-biển", "year:2020", "-type:thesis", "KH&CN"])
def test_a_query_that_asks_something_or_everything_passes(text):
    require_words(parse(text))


@pytest.mark.parametrize("text", ["doi:https://doi.org/10.1234/abc", "doi:http://dx.doi.org/10.1234/abc",
                                  "DOI:doi.org/10.1234/abc", "https://doi.org/10.1234/abc"])
def test_a_doi_pasted_with_its_resolver_is_the_doi(text):
    """Review 22: doi:https://doi.org/10.1234/x was refused as no DOI."""
    clause, = parse(text).clauses
    assert clause.phrase and clause.words == parse("doi:10.1234/abc").clauses[0].words
