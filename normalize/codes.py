"""Printed codes to intended codes: project, objective, mission and programme codes.

OCR and careless typing turn ``1B0101`` into ``180101`` and ``2D0101`` into ``ZD0101``.
A code has a grammar (which positions hold a digit, which a letter), so a character of
the wrong class betrays the damage and the OCR confusion pairs give the few readings
it may stand for.  Choosing among those readings needs *evidence*; without evidence
the printed code is kept and a warning is raised, because a wrong guess is worse than
a visible gap.

API
---
``reconcile_project_code(raw, evidence) -> CodeResolution``
    ``raw`` is one printed code (``'180101'``); ``evidence`` an :class:`Evidence`.
``reconcile_objective_code(raw, evidence)``    codes such as ``011-005-001``.
``reconcile_strategic_code(raw, evidence)``    Relazione strategic objectives such as ``1B``.
``reconcile_mission_code(raw)`` / ``reconcile_program_code(raw, mission_code)``
    three digits, checked against the reference list in ``schemas/missions_programmes.csv``.
``split_project_codes(text) -> list[str]``
    the printed codes of a ``(PROGETTO 2C0101 - 2C0104)`` tail, as printed.
``strategic_objective_of(project_code)``  ``'1B0101' -> '1B'``; ``is_project_code(code)``.

:class:`CodeResolution` carries ``raw``, ``normalized`` (the raw code when unresolved),
``method`` (see ``METHODS``), ``confidence`` (0-1), ``warning`` (one line or None) and
``changed``; ``resolution.normalization(table, column, record_key)`` gives the dict a
parser appends to ``ParsedDocument.normalizations`` when the code was changed.

Methods, strongest first:

``exact``
    well formed as printed (confidence 1.0 when the same code is printed elsewhere in the
    document or known for the chamber, 0.9 otherwise).
``confusion+evidence``
    malformed; exactly one confusion reading is printed elsewhere in the same document
    (e.g. the overview table of the PIRA, or another damaged printing whose readings
    agree on a single code).
``registry``
    malformed; exactly one reading is among the codes already known for the chamber
    (or, for mission/programme codes, in the reference list).
``title match``
    malformed; exactly one reading is printed elsewhere beside a title that matches the
    objective's title (rapidfuzz ``token_set_ratio`` >= ``TITLE_THRESHOLD``).
``unresolved``
    no evidence (or contradictory evidence): ``normalized`` is the raw code and
    ``warning`` says what the likely readings are.
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, utils

from camerale.normalize.audit import correction
from camerale.normalize.reference import mission_codes, program_codes

METHODS = ("exact", "confusion+evidence", "registry", "title match", "unresolved")

# Score of the objective's title against the title printed beside a candidate code.  Measured on
# the PIRA seed: the same objective scores 100 (block title vs overview title); different objectives
# score at most 55, except two pairs printed with identical titles (011-005-004/016-005-001,
# 011-005-003/012-004-006), which the margin rule leaves undecided rather than guessed.
TITLE_THRESHOLD = 80.0
_TITLE_MARGIN = 10.0

# What a character printed in a digit position may stand for, and the reverse for letter positions.
# Measured with Tesseract 5.3 (ita, psm 6) on code lines rendered at 10 pt and degraded like the bundled
# scan (blur, JPEG q35) at 300/200/150/120 dpi: letters became digits (C D O Q->0, I L->1, Z->2 or 7,
# A->4, S->5, E G->6, T->7, B->8), never the reverse; the scan itself printed 2C0108 as 200108,
# 1D7101 as 107101 and 2E0103 as 260103.  E/F/B->3 are not measured but are classic confusions.
# Every reading is only a candidate: evidence picks one, or the code stays as printed.
_AS_DIGIT: dict[str, str] = {
    "O": "0", "o": "0", "D": "0", "Q": "0", "C": "0", "c": "0",
    "I": "1", "l": "1", "i": "1", "|": "1", "!": "1", "L": "1",
    "Z": "27", "z": "2",
    "E": "3",
    "A": "4",
    "S": "5", "s": "5",
    "G": "6", "b": "6",
    "T": "7",
    "B": "8",
    "g": "9", "q": "9",
}
_AS_LETTER: dict[str, str] = {
    "0": "CDOQ", "1": "IL", "|": "I", "!": "I", "l": "IL", "2": "Z", "3": "BE", "4": "A", "5": "S",
    "6": "EG", "7": "TZ", "8": "B",
}

# Grammar of each code kind: 'D' a digit, 'L' an uppercase letter, anything else a literal.
_PROJECT = "DLDDDD"
_STRATEGIC = "DL"
_OBJECTIVE = "DDD-DDD-DDD"
_THREE_DIGITS = "DDD"


@dataclass(frozen=True)
class Evidence:
    """What is known beyond the printed code itself.

    ``document_codes``: codes of the same kind printed elsewhere in the same document that
    may be the same code (the overview code of the same objective, codes in resource tables
    or annexes).  Malformed printings are welcome: their readings are intersected.
    ``registry``: codes already ingested for the same chamber (``ParseContext.known_project_codes``).
    ``title`` with ``titled_codes``: the objective's title and, for codes printed elsewhere,
    the title printed beside them (``{'1B0101': 'ANALISI DEL SISTEMA ...'}``).
    """

    document_codes: Collection[str] = frozenset()
    registry: Collection[str] = frozenset()
    title: str | None = None
    titled_codes: Mapping[str, str] = field(default_factory=dict)


NO_EVIDENCE = Evidence()


@dataclass(frozen=True)
class CodeResolution:
    raw: str
    normalized: str
    method: str
    confidence: float
    warning: str | None = None
    rule: str | None = None  # which evidence decided, for the normalizations table

    @property
    def changed(self) -> bool:
        return self.normalized != self.raw

    def normalization(self, table: str, column: str, record_key: str,
                      provenance: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The ``normalizations`` record for this correction (call it only when ``changed``)."""
        return correction(table, column, record_key, self.raw, self.normalized, self.rule or self.method,
                          self.confidence, provenance)


def _fits(code: str, grammar: str) -> bool:
    if len(code) != len(grammar):
        return False
    for ch, g in zip(code, grammar):
        if g == "D" and not ch.isdigit():
            return False
        if g == "L" and not ("A" <= ch <= "Z"):
            return False
        if g not in "DL" and ch != g:
            return False
    return True


def _readings(printed: str, grammar: str, limit: int = 256) -> list[str]:
    """Every well-formed code that ``printed`` may be an OCR confusion of (itself first if well formed)."""
    if len(printed) != len(grammar):
        return []
    options: list[str] = []
    for ch, g in zip(printed, grammar):
        if g == "D":
            alt = ch if ch.isdigit() else _AS_DIGIT.get(ch, "")
        elif g == "L":
            alt = ch if "A" <= ch <= "Z" else _AS_LETTER.get(ch, "") or (ch.upper() if ch.isalpha() else "")
        else:
            alt = g if ch in (g, "–", "—", "_", ".") else ""
        if not alt:
            return []
        options.append(alt)
    n = 1
    for alt in options:
        n *= len(alt)
    if n > limit:
        return []
    return ["".join(p) for p in itertools.product(*options)]


def _compact(raw: str) -> str:
    return re.sub(r"\s+", "", raw)


def _title_scores(title: str, candidates: Collection[str], titled: Mapping[str, str],
                  grammar: str) -> list[tuple[float, str]]:
    """(score, code) for candidates printed elsewhere beside a title, best first.

    A code printed elsewhere may itself be damaged: it stands for each of its readings.
    """
    best: dict[str, float] = {}
    for printed, other in titled.items():
        if not other:
            continue
        printed = _compact(printed)
        readings = [printed] if _fits(printed, grammar) else _readings(printed, grammar)
        for code in readings:
            if code in candidates:
                score = fuzz.token_set_ratio(title, other, processor=utils.default_process)
                best[code] = max(best.get(code, 0.0), score)
    return sorted(((score, code) for code, score in best.items()), reverse=True)


def _decisive(scores: list[tuple[float, str]]) -> str | None:
    """The code whose title clearly matches: above the threshold and ahead of the runner-up."""
    if scores and scores[0][0] >= TITLE_THRESHOLD and (len(scores) == 1 or scores[0][0] - scores[1][0] >= _TITLE_MARGIN):
        return scores[0][1]
    return None


def _reconcile(raw: str, grammar: str, evidence: Evidence, kind: str) -> CodeResolution:
    printed = _compact(raw)
    known_doc = {c for c in evidence.document_codes if _fits(c, grammar)}
    registry = set(evidence.registry)
    if _fits(printed, grammar):
        confirmed = printed in known_doc or printed in registry
        return CodeResolution(raw, printed, "exact", 1.0 if confirmed else 0.9)

    candidates = _readings(printed, grammar)
    if not candidates:
        return CodeResolution(raw, raw, "unresolved", 0.0,
                              f"{kind} code {raw!r} does not fit the code grammar and has no OCR reading; kept as printed")

    def pick(pool: Collection[str]) -> str | None:
        """The single candidate in ``pool``, or the one the title singles out among several."""
        hits = [c for c in candidates if c in pool]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1 and evidence.title:
            return _decisive(_title_scores(evidence.title, hits, evidence.titled_codes, grammar))
        return None

    if (code := pick(known_doc)) is not None:
        return CodeResolution(raw, code, "confusion+evidence", 0.95, rule="ocr_confusion+document_code")
    # Another damaged printing of the same code: its readings and ours must agree on one code.
    damaged_doc = set()
    for other in evidence.document_codes:
        other = _compact(other)
        if other != printed and not _fits(other, grammar):
            damaged_doc.update(_readings(other, grammar))
    if (code := pick(damaged_doc)) is not None:
        return CodeResolution(raw, code, "confusion+evidence", 0.8, rule="ocr_confusion+damaged_document_code")
    if (code := pick(registry)) is not None:
        return CodeResolution(raw, code, "registry", 0.85, rule="ocr_confusion+registry")
    if evidence.title and evidence.titled_codes:
        scores = _title_scores(evidence.title, candidates, evidence.titled_codes, grammar)
        if (code := _decisive(scores)) is not None:
            return CodeResolution(raw, code, "title match", round(0.8 * scores[0][0] / 100, 3),
                                  rule="ocr_confusion+title_match")
    shown = ", ".join(candidates[:4]) + (" ..." if len(candidates) > 4 else "")
    return CodeResolution(raw, raw, "unresolved", 0.0,
                          f"{kind} code {raw!r} is malformed; possible readings {shown} "
                          "but no evidence chooses one; kept as printed")


def reconcile_project_code(raw: str, evidence: Evidence = NO_EVIDENCE) -> CodeResolution:
    """A printed project code (a digit, a letter, four digits: ``1B0101``) to the intended one."""
    return _reconcile(raw, _PROJECT, evidence, "project")


def reconcile_strategic_code(raw: str, evidence: Evidence = NO_EVIDENCE) -> CodeResolution:
    """A printed strategic objective code of a Relazione (a digit and a letter: ``1B``).

    Good evidence is the prefix of the project codes printed under it.
    """
    return _reconcile(raw, _STRATEGIC, evidence, "strategic objective")


def reconcile_objective_code(raw: str, evidence: Evidence = NO_EVIDENCE) -> CodeResolution:
    """A printed objective code (``011-005-001``).

    Good evidence is the code built from the block header and the objective's position,
    ``f"{mission}-{program}-{seq:03d}"``, passed in ``evidence.document_codes``.
    """
    return _reconcile(raw, _OBJECTIVE, evidence, "objective")


def reconcile_mission_code(raw: str, evidence: Evidence = NO_EVIDENCE) -> CodeResolution:
    """Three digits, checked against the reference missions (the reference list is the registry)."""
    ev = Evidence(evidence.document_codes, set(evidence.registry) | mission_codes(),
                  evidence.title, evidence.titled_codes)
    resolution = _reconcile(raw, _THREE_DIGITS, ev, "mission")
    return _check_reference(resolution, resolution.normalized in mission_codes(), "mission")


def reconcile_program_code(raw: str, mission_code: str | None, evidence: Evidence = NO_EVIDENCE) -> CodeResolution:
    """Three digits, checked against the reference programmes of ``mission_code``."""
    known = program_codes(mission_code) if mission_code else set()
    ev = Evidence(evidence.document_codes, set(evidence.registry) | known, evidence.title, evidence.titled_codes)
    resolution = _reconcile(raw, _THREE_DIGITS, ev, "programme")
    return _check_reference(resolution, resolution.normalized in known,
                            f"programme of mission {mission_code}")


def _check_reference(resolution: CodeResolution, known: bool, what: str) -> CodeResolution:
    if known or resolution.method == "unresolved":
        return resolution
    return CodeResolution(resolution.raw, resolution.normalized, resolution.method,
                          min(resolution.confidence, 0.5),
                          f"{what} code {resolution.normalized!r} is not in the reference list "
                          "(schemas/missions_programmes.csv)", resolution.rule)


# Project codes in a title tail: '(PROGETTO 2C0101 - 2C0104)', '(PROGETTI 2E0101 - 2E0103)'.
# OCR bends the brackets ('|PROGETTO 3B0101 - 3B0102)', '[PROGETTO 3E7101)', 'E. PROGETTO ...)'),
# reads the keyword's O as 0 and leaves specks after the tail ('(PROGETTO 2A0101) —'), so the
# brackets are look-alikes and optional one at a time, and only punctuation may follow the tail.
_OPENING = r"[(\[{|\\/]"
_CLOSING = r"[)\]}|]"
_CODE_TOKEN = r"[0-9A-Za-z|!]*[0-9A-Za-z]"  # a '|' ending the tail is the closing bracket
_CODE_SEPARATOR = r"\s*[-–—,;]\s*|\s+e\s+|\s+"
_PROJECT_TAIL = re.compile(
    rf"(?:(?P<open>(?:{_OPENING}\s*){{1,2}})|(?<![0-9A-Za-z]))PR[O0]GETT[OI0]\s+"
    rf"(?P<codes>{_CODE_TOKEN}(?:(?:{_CODE_SEPARATOR}){_CODE_TOKEN})*)"
    rf"\s*(?P<close>{_CLOSING})?[\W_]*$", re.I)
# A printed code, possibly damaged: six characters (one lost or added tolerated) with a digit among them.
_CODE_SHAPE = re.compile(r"(?=.*\d)[0-9A-Za-z|!]{5,7}")


def split_project_codes(text: str | None) -> list[str]:
    """The project codes printed in the ``(PROGETTO ...)`` tail of a title, as printed.

    At least one bracket (or an OCR look-alike) must enclose the tail and every item must have
    the shape of a code, so that a title merely ending in 'progetto MuSA' yields nothing.
    """
    if not text:
        return []
    m = _PROJECT_TAIL.search(text.strip())
    if not m or not (m.group("open") or m.group("close")):
        return []
    # Codes never contain separators, so any dash, comma or blank splits them.
    codes = [c for c in re.split(_CODE_SEPARATOR, m.group("codes")) if c]
    # A code whose every digit OCR turned into a letter ('ZADlDl') still has readings.
    if not all(_CODE_SHAPE.fullmatch(c) or _readings(c, _PROJECT) for c in codes):
        return []
    return codes


def strategic_objective_of(project_code: str | None) -> str | None:
    """The strategic objective a well-formed project code belongs to: ``'1B0101' -> '1B'``."""
    if project_code and _fits(project_code, _PROJECT):
        return project_code[:2]
    return None


def is_project_code(code: str | None) -> bool:
    """True when ``code`` is a well-formed project code."""
    return bool(code) and _fits(code, _PROJECT)
