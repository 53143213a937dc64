"""The OAI-PMH 2.0 protocol rules, without Django: verbs, arguments, dates, identifiers, errors."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from stinet.formats.xmltext import has_illegal

# verb -> (required arguments, optional arguments, exclusive argument)
VERBS: dict[str, tuple[tuple[str, ...], tuple[str, ...], str | None]] = {
    "Identify": ((), (), None),
    "ListMetadataFormats": ((), ("identifier",), None),
    "ListSets": ((), (), "resumptionToken"),
    "ListIdentifiers": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "ListRecords": (("metadataPrefix",), ("from", "until", "set"), "resumptionToken"),
    "GetRecord": (("identifier", "metadataPrefix"), (), None),
}
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
# The lexical rules of OAI-PMH.xsd: a request element echoing anything else would be invalid.
METADATA_PREFIX = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
SET_SPEC = re.compile(r"[A-Za-z0-9\-_.!~*'()]+(:[A-Za-z0-9\-_.!~*'()]+)*")
REPOSITORY_ID = re.compile(r"[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)  # "２026-11-25" is no date of the protocol
_SECONDS = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z", re.ASCII)


class OAIError(Exception):
    """An OAI-PMH error condition: its code and a one-line message for the harvester."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the code and the message."""
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def echoes_arguments(self) -> bool:
        """Whether the response's request element repeats the arguments (not for bad requests)."""
        return self.code not in ("badVerb", "badArgument")


@dataclass(frozen=True)
class Request:
    """A well-formed request: its verb and its arguments (each given once)."""

    verb: str
    arguments: dict[str, str]


def parse_request(params: Mapping[str, Sequence[str]]) -> Request:
    """Check a request's arguments against the verb's rules; OAIError when they break one."""
    verbs = list(params.get("verb", []))
    if len(verbs) != 1 or verbs[0] not in VERBS:
        what = "missing" if not verbs else "repeated" if len(verbs) > 1 else f"not a verb: {verbs[0]!r}"
        raise OAIError("badVerb", f"verb argument {what}")
    verb = verbs[0]
    required, optional, exclusive = VERBS[verb]
    arguments: dict[str, str] = {}
    for name, values in params.items():
        if name == "verb":
            continue
        if name not in (*required, *optional, exclusive):
            raise OAIError("badArgument", f"{verb} takes no argument {name!r}")
        if len(values) != 1:
            raise OAIError("badArgument", f"argument {name!r} is repeated")
        if has_illegal(values[0]) or not values[0]:
            raise OAIError("badArgument", f"argument {name!r} is empty or holds illegal characters")
        arguments[name] = values[0]
    if exclusive and exclusive in arguments:
        if len(arguments) > 1:
            raise OAIError("badArgument", f"{exclusive} must be the only argument besides verb")
    else:
        missing = [name for name in required if name not in arguments]
        if missing:
            raise OAIError("badArgument", f"{verb} requires {', '.join(missing)}")
    _check_syntax(arguments)
    return Request(verb, arguments)


# An identifier the response may echo as its request's anyURI (RFC 3986's characters, a "%" only before two hex
# digits, any non-ASCII letter as an IRI has): "a%zz", "[]", "<x>" or a space answer badArgument, echoing nothing.
_URI = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2}|[^\x00-\x7f\s])+")


def _check_syntax(arguments: dict[str, str]) -> None:
    """Refuse values the protocol's schema would not allow (they could not be echoed)."""
    if "metadataPrefix" in arguments and not METADATA_PREFIX.fullmatch(arguments["metadataPrefix"]):
        raise OAIError("badArgument", "metadataPrefix: not a valid prefix")
    if "set" in arguments and not SET_SPEC.fullmatch(arguments["set"]):
        raise OAIError("badArgument", "set: not a valid setSpec")
    if "identifier" in arguments and not _URI.fullmatch(arguments["identifier"]):
        raise OAIError("badArgument", "identifier: not a URI")
    date_range(arguments.get("from"), arguments.get("until"))


def parse_datestamp(value: str, name: str) -> tuple[datetime, bool]:
    """A from/until value as a UTC datetime and whether it was given to the day."""
    day = _DAY.fullmatch(value) is not None
    if not day and _SECONDS.fullmatch(value) is None:
        raise OAIError("badArgument", f"{name}: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ, not {value!r}")
    try:
        moment = datetime.strptime(value, "%Y-%m-%d" if day else "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        raise OAIError("badArgument", f"{name}: no such date {value!r}") from None
    return moment, day


def date_range(since: str | None, until: str | None) -> tuple[datetime | None, datetime | None]:
    """The from (inclusive) and until (exclusive) bounds of a selective harvest."""
    start = parse_datestamp(since, "from") if since else None
    end = parse_datestamp(until, "until") if until else None
    if start and end:
        if start[1] != end[1]:
            raise OAIError("badArgument", "from and until must have the same granularity")
        if start[0] > end[0]:
            raise OAIError("badArgument", "from is later than until")
    before = None
    if end:
        try:  # until is inclusive to its granularity: until=2024-05-01 takes in all of that day
            before = end[0] + (timedelta(days=1) if end[1] else timedelta(seconds=1))
        except OverflowError:
            before = None  # until the end of time
    return (start[0] if start else None), before


def datestamp(moment: datetime) -> str:
    """A datestamp at the repository's granularity (seconds, UTC)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def make_identifier(repository_id: str, work_id: int) -> str:
    """The OAI identifier of a work."""
    return f"oai:{repository_id}:work/{work_id}"


def parse_identifier(repository_id: str, identifier: str) -> int | None:
    """The work id an OAI identifier names, or None when it is not one of ours."""
    prefix = f"oai:{repository_id}:work/"
    rest = identifier[len(prefix):] if identifier.startswith(prefix) else ""
    if not (rest.isascii() and rest.isdigit()) or len(rest) > 18 or rest != str(int(rest)):
        return None
    return int(rest)
