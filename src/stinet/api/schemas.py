"""Shapes of the API's responses (they generate the OpenAPI description)."""

from __future__ import annotations

from ninja import Field, Schema


class Creator(Schema):
    """A person and their role (author, editor, translator, advisor, contributor)."""

    name: str
    role: str


class HoldingOut(Schema):
    """Who holds a work and how to get it."""

    org: str
    org_name: str
    local_id: str
    call_number: str
    url: str
    access: str


class Highlight(Schema):
    """Escaped HTML with the matched words in <mark>."""

    title: str
    abstract: str
    fulltext: str = ""  # a passage of a full text the caller may read, when one matched
    creators: list[str] = []  # each name of `creators`, in their order, its searched words marked
    subjects: list[str] = []  # the subjects that hold a searched word, marked
    publisher: str = ""  # the publisher, when it holds a searched word, marked


class Result(Schema):
    """One search result."""

    id: int
    title: str
    title_en: str
    language: str = ""  # of the title and abstract, ISO 639-1 ('' when the record does not say)
    type: str
    type_label: str
    year: int | None
    creators: list[Creator]
    subjects: list[str]
    holdings: list[HoldingOut]
    highlight: Highlight
    fulltext: bool = False  # found in the full text of an attached file the caller may read


class FacetValue(Schema):
    """One value of a facet with its exact count among the matches."""

    value: str
    label: str
    count: int


class SearchOut(Schema):
    """Search results: total, one page of results, facets (type, year, org, field, language, access)."""

    query: str
    total: int
    page: int
    page_size: int
    sort: str
    approximate: bool
    corrected: str = Field("", description="the query respelled when the one given found nothing "
                           "(its unknown words replaced by the catalogue's closest words); results are for it")
    results: list[Result]
    facets: dict[str, list[FacetValue]]


class FileOut(Schema):
    """A full text attached to a work: who holds it, its access, and for the asker whether it opens
    (`url`) or why not (`refusal`)."""

    id: int
    org: str
    name: str
    mime: str
    size: int
    pages: int | None
    access: str
    access_label: str
    embargo_until: str | None
    text_status: str
    notes: list[str]
    refusal: str
    url: str | None


class ExtraOut(Schema):
    """A value of a source column STINet has no field for, kept as the member's record gives it."""

    key: str  # the column: "dc.relation.ispartof", "dc.citation.volume", "column 5" ...
    label: str  # its name in the asked language ("Tạp chí / tuyển tập", "Journal / series")
    value: str


class TaskRefOut(Schema):
    """An S&T task whose result the work is."""

    code: str
    title: str
    level: str
    level_label: str
    rating: str  # the acceptance council's rating ('' before it)
    rating_label: str
    url: str


class WorkOut(Schema):
    """All metadata of a work with its holdings and full texts."""

    id: int
    type: str
    type_label: str
    title: str
    title_en: str
    creators: list[Creator]
    degree: str
    grantor: str
    year: int | None
    date: str
    abstract: str
    subjects: list[str]
    field_code: str
    field_label: str = ""  # the field's name in the asked language ("" when the code is in no table)
    field_code_old: str
    field_old_label: str = ""
    language: str
    publisher: str
    identifiers: dict[str, list[str]]
    extra: list[ExtraOut] = []
    holdings: list[HoldingOut]
    files: list[FileOut]
    tasks: list[TaskRefOut] = []
    url: str


class OrgOut(Schema):
    """An organisation of the network."""

    code: str
    name_vi: str
    name_en: str
    kind: str
    province: str
    website: str
    member: bool
    works: int


class Suggestions(Schema):
    """Autocomplete suggestions."""

    titles: list[str]
    authors: list[str]
    subjects: list[str]


class Error(Schema):
    """A refused request: one line saying what is wrong."""

    detail: str
