"""Council arithmetic, pure: ranking applications and rating a task at acceptance.

A council member scores out of 100. A member who declared a conflict of interest for an
application (or for the task, at acceptance) is left out of its count. Applications rank by
the mean score of the members counted; ties go to the earlier application.

Acceptance follows the rule of the acceptance councils: each counted member's score is a
vote (85 and above: excellent; 50 and above: pass; below: fail); the task is "excellent"
when at least three quarters of the votes are excellent, "pass" when at least three quarters
are pass or better, otherwise "fail".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MAX_SCORE = 100
EXCELLENT_FROM = 85
PASS_FROM = 50
QUORUM = 0.75  # share of the counted votes a rating needs
RATINGS: dict[str, tuple[str, str]] = {
    "excellent": ("Xuất sắc", "Excellent"),
    "pass": ("Đạt", "Pass"),
    "fail": ("Không đạt", "Fail"),
}


@dataclass(frozen=True)
class Mark:
    """One member's review of one application (or of the task): a score or a declared conflict."""

    member: int
    subject: int | None  # the application's id; None at acceptance
    score: float | None
    conflict: bool = False

    @property
    def counted(self) -> bool:
        """A score that counts: given, and no conflict of interest."""
        return self.score is not None and not self.conflict


@dataclass(frozen=True)
class Ranked:
    """An application's place: mean of the counted scores, how many counted, how many excluded."""

    subject: int
    mean: float | None
    counted: int
    excluded: int


def mean_score(marks: Iterable[Mark]) -> float | None:
    """Mean of the counted scores, None when none counts."""
    scores = [m.score for m in marks if m.counted]
    return round(sum(scores) / len(scores), 2) if scores else None  # type: ignore[arg-type]


def rank(subjects: Sequence[int], marks: Iterable[Mark]) -> list[Ranked]:
    """Applications best first; those without a counted score come last (in their order)."""
    by_subject: dict[int, list[Mark]] = {s: [] for s in subjects}
    for mark in marks:
        if mark.subject in by_subject:
            by_subject[mark.subject].append(mark)
    ranked = [Ranked(s, mean_score(ms), sum(m.counted for m in ms), sum(m.conflict for m in ms))
              for s, ms in by_subject.items()]
    order = {s: i for i, s in enumerate(subjects)}
    return sorted(ranked, key=lambda r: (r.mean is None, -(r.mean or 0.0), order[r.subject]))


def vote(score: float) -> str:
    """A member's vote from their score."""
    if score >= EXCELLENT_FROM:
        return "excellent"
    return "pass" if score >= PASS_FROM else "fail"


def rating(marks: Iterable[Mark]) -> str | None:
    """The acceptance rating from the counted scores, None when nobody counted."""
    votes = [vote(m.score) for m in marks if m.counted]  # type: ignore[arg-type]
    if not votes:
        return None
    if sum(v == "excellent" for v in votes) >= QUORUM * len(votes):
        return "excellent"
    if sum(v in ("excellent", "pass") for v in votes) >= QUORUM * len(votes):
        return "pass"
    return "fail"


def missing(members: Iterable[int], marks: Iterable[Mark],
            subjects: Sequence[int | None] = (None,)) -> dict[int, list[int | None]]:
    """Each member's subjects still without a score or a declared conflict (members in their order)."""
    seen = {(m.member, m.subject) for m in marks if m.counted or m.conflict}
    out: dict[int, list[int | None]] = {}
    for member in members:
        left = [s for s in subjects if (member, s) not in seen]
        if left:
            out[member] = left
    return out


def complete(members: Iterable[int], marks: Iterable[Mark], subjects: Sequence[int | None] = (None,)) -> bool:
    """Every member has either scored or declared a conflict for every subject, and one score counts."""
    members, marks = list(members), list(marks)
    return bool(members and subjects) and not missing(members, marks, subjects) and any(m.counted for m in marks)
