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
    the printed codes of a ``(PROGETTO 2C0101 - 2C0104)`` group, as printed;
    ``project_group(text)`` also gives what of the group is no code, for the parser's warning.
``strategic_objective_of(project_code)``  ``'1B0101' -> '1B'``; ``is_project_code(code)`` (well formed);
``is_code_like(token)`` (a code, possibly damaged).

:class:`CodeResolution` carries ``raw``, ``normalized`` (the raw code when unresolved),
``method`` (see ``METHODS``), ``confidence`` (0-1), ``warning`` (one line or None) and
``changed``; ``resolution.normalization(table, column, record_key)`` gives the dict a
parser appends to ``ParsedDocument.normalizations`` when the code was changed.

Methods, strongest first:

``exact``
    well formed as printed: confidence 1.0 when the same code is printed elsewhere in the
    document, 0.95 when it is known for the chamber from other documents (the registry),
    0.9 otherwise.
``confusion+evidence``
    malformed; exactly one confusion reading is printed elsewhere in the same document
    (e.g. the overview table of the PIRA, or another damaged printing whose readings
    agree on a single code).
``registry``
    malformed; exactly one reading is among the codes known for the chamber from its other
    documents (or, for mission/programme codes, in the reference list).
``title match``
    malformed; exactly one reading is printed elsewhere beside a title that matches the
    objective's title (rapidfuzz ``token_set_ratio`` >= ``TITLE_THRESHOLD``).
``grammar``
    malformed, no evidence, but the code grammar leaves a single reading: every damaged
    position holds a character with one look-alike of the class the position requires
    (``3B010I``: only a digit stands last, and ``I`` looks like ``1`` alone; see
    ``normalize/lookalikes.py``).  Confidence ``GRAMMAR_CONFIDENCE``, below any evidence.
``unresolved``
    several readings and no evidence (or contradictory evidence): ``normalized`` is the raw
    code and ``warning`` lists the readings (``ZD0101``: 2D0101 or 7D0101).

The first two are decided by the document alone (``decided_by_document``); the others may
change when the chamber's registry changes, and ``reconcile_project_code_with_registry``
redoes just those stages (the dataset-level step ``camerale/registry.py``).
"""
from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, utils

from camerale.normalize.audit import correction
from camerale.normalize.lookalikes import as_digits, as_letters
from camerale.normalize.reference import mission_codes, program_codes

METHODS = ("exact", "confusion+evidence", "registry", "title match", "grammar", "unresolved")

# Confidence of each outcome; a reading forced by the grammar alone ranks below every reading
# that evidence confirmed (the weakest, a title match at the threshold, is 0.64).
EXACT_CONFIRMED, EXACT_IN_REGISTRY, EXACT_ALONE = 1.0, 0.95, 0.9
GRAMMAR_CONFIDENCE = 0.6

# Score of the objective's title against the title printed beside a candidate code.  Measured on
# the PIRA seed: the same objective scores 100 (block title vs overview title); different objectives
# score at most 55, except two pairs printed with identical titles (011-005-004/016-005-001,
# 011-005-003/012-004-006), which the margin rule leaves undecided rather than guessed.
TITLE_THRESHOLD = 80.0
_TITLE_MARGIN = 10.0

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
    ``registry``: codes the chamber's other documents print (applied after each batch by
    ``camerale/registry.py``; a parser given ``ParseContext.known_project_codes`` uses them at once).
    ``title`` with ``titled_codes``: the objective's title and, for codes printed elsewhere,
    the title printed beside them (``{'1B0101': 'ANALISI DEL SISTEMA ...'}``).
    ``grammar_in_use``: the document prints codes of this grammar (``prints_project_codes``);
    only then may the grammar force a reading, so that a chamber numbering its projects
    another way ('240101') never has its codes bent into this grammar ('2A0101').
    """

    document_codes: Collection[str] = frozenset()
    registry: Collection[str] = frozenset()
    title: str | None = None
    titled_codes: Mapping[str, str] = field(default_factory=dict)
    grammar_in_use: bool = True


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
            alt = as_digits(ch)
        elif g == "L":
            alt = as_letters(ch)
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
                  grammar: str, damaged_too: bool = True) -> list[tuple[float, str]]:
    """(score, code) for candidates printed elsewhere beside a title, best first.

    A code printed elsewhere may itself be damaged: it stands for each of its readings
    (unless ``damaged_too`` is False: then only well-formed printings count).
    """
    best: dict[str, float] = {}
    for printed, other in titled.items():
        if not other:
            continue
        printed = _compact(printed)
        readings = [printed] if _fits(printed, grammar) else _readings(printed, grammar) if damaged_too else []
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


def _pick(candidates: list[str], pool: Collection[str], evidence: Evidence, grammar: str) -> str | None:
    """The single candidate in ``pool``, or the one the title singles out among several."""
    hits = [c for c in candidates if c in pool]
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1 and evidence.title:
        return _decisive(_title_scores(evidence.title, hits, evidence.titled_codes, grammar, evidence.grammar_in_use))
    return None


def _by_document(raw: str, grammar: str, evidence: Evidence) -> CodeResolution | None:
    """The outcome the document's own printings decide, or None when they decide nothing.

    The pool is every code the other printings may be: the well-formed ones as printed and, where the
    document uses the grammar, each reading of a damaged one (``2E01O3`` is 2E0103).  A damaged printing
    decides only when a single one of its readings is in the pool, so that neither a well-formed printing
    nor a damaged one is trusted while another printing could be the same code.
    """
    printed = _compact(raw)
    known_doc = {c for c in evidence.document_codes if _fits(c, grammar)}
    if _fits(printed, grammar):
        return CodeResolution(raw, printed, "exact", EXACT_CONFIRMED) if printed in known_doc else None
    candidates = _readings(printed, grammar)
    damaged_doc: set[str] = set()
    if evidence.grammar_in_use:  # else the readings of a damaged printing are a grammar the document does not use
        for other in evidence.document_codes:
            other = _compact(other)
            if other != printed and not _fits(other, grammar):
                damaged_doc.update(_readings(other, grammar))
    if (code := _pick(candidates, known_doc | damaged_doc, evidence, grammar)) is None:
        return None
    if code in known_doc:
        return CodeResolution(raw, code, "confusion+evidence", 0.95, rule="ocr_confusion+document_code")
    # Another damaged printing of the same code: their readings agree on this one.
    return CodeResolution(raw, code, "confusion+evidence", 0.8, rule="ocr_confusion+damaged_document_code")


def _beyond_document(raw: str, grammar: str, evidence: Evidence, kind: str) -> CodeResolution:
    """The outcome once the document decided nothing: registry, title, grammar, or unresolved."""
    printed = _compact(raw)
    registry = set(evidence.registry)
    if _fits(printed, grammar):
        return CodeResolution(raw, printed, "exact", EXACT_IN_REGISTRY if printed in registry else EXACT_ALONE)
    candidates = _readings(printed, grammar)
    if not candidates:
        return CodeResolution(raw, raw, "unresolved", 0.0,
                              f"{kind} code {raw!r} does not fit the code grammar and has no OCR reading; kept as printed")
    if (code := _pick(candidates, registry, evidence, grammar)) is not None:
        return CodeResolution(raw, code, "registry", 0.85, rule="ocr_confusion+registry")
    if evidence.title and evidence.titled_codes:
        scores = _title_scores(evidence.title, candidates, evidence.titled_codes, grammar, evidence.grammar_in_use)
        if (code := _decisive(scores)) is not None:
            return CodeResolution(raw, code, "title match", round(0.8 * scores[0][0] / 100, 3),
                                  rule="ocr_confusion+title_match")
    if len(candidates) == 1 and evidence.grammar_in_use:
        return CodeResolution(raw, candidates[0], "grammar", GRAMMAR_CONFIDENCE, rule="ocr_confusion+code_grammar")
    shown = ", ".join(candidates[:4]) + (" ..." if len(candidates) > 4 else "")
    why = "no evidence chooses one" if evidence.grammar_in_use else \
        f"the document prints no well-formed {kind} code to show it uses this grammar"
    return CodeResolution(raw, raw, "unresolved", 0.0,
                          f"{kind} code {raw!r} is malformed; possible readings {shown} but {why}; kept as printed")


def _reconcile(raw: str, grammar: str, evidence: Evidence, kind: str) -> CodeResolution:
    return _by_document(raw, grammar, evidence) or _beyond_document(raw, grammar, evidence, kind)


def project_code_readings(raw: str) -> list[str]:
    """Every well-formed project code ``raw`` may stand for (itself alone when well formed)."""
    printed = _compact(raw)
    return [printed] if _fits(printed, _PROJECT) else _readings(printed, _PROJECT)


def decided_by_document(method: str, confidence: float) -> bool:
    """True when a code's outcome came from its own document's printings, which no registry changes."""
    return method == "confusion+evidence" or (method == "exact" and confidence == EXACT_CONFIRMED)


def reconcile_project_code_with_registry(raw: str, evidence: Evidence) -> CodeResolution:
    """Reconcile a printed project code whose document decided nothing (see ``decided_by_document``).

    ``evidence`` carries the registry and the title evidence; its document codes are not read.
    Gives what ``reconcile_project_code`` gives with the same registry and title evidence.
    """
    return _beyond_document(raw, _PROJECT, evidence, "project")


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
    if known and resolution.method == "exact":  # the reference list confirms it
        return CodeResolution(resolution.raw, resolution.normalized, "exact", EXACT_CONFIRMED)
    if known or resolution.method == "unresolved":
        return resolution
    return CodeResolution(resolution.raw, resolution.normalized, resolution.method,
                          min(resolution.confidence, 0.5),
                          f"{what} code {resolution.normalized!r} is not in the reference list "
                          "(schemas/missions_programmes.csv)", resolution.rule)


# Project codes in a title: '(PROGETTO 2C0101 - 2C0104)', '(PROGETTI 2E0101 - 2E0103)'.
# OCR bends the brackets ('|PROGETTO 3B0101 - 3B0102)', '[PROGETTO 3E7101)', 'E. PROGETTO ...)',
# 'CPROGETTO 2A0101)' with '(' read as 'C'), reads the keyword's O as 0, reads a code's C as '('
# ('3(0I04') and leaves specks after the tail ('(PROGETTO 2A0101) —'), so the brackets are
# look-alikes and optional one at a time.  A group closes the title (only punctuation after it)
# or, when both brackets are printed, stands anywhere in it.
_OPENING = r"[(\[{|\\/]"
_CLOSING = r"[)\]}|]"
_CODE_TOKEN = r"[0-9A-Za-z|!]+(?:\([0-9A-Za-z|!]+)*"  # a '(' inside a code is a damaged 'C'
_CODE_SEPARATOR = r"\s*[-–—,;]\s*|\s+e\s+|\s+"
_CODES = rf"(?P<codes>{_CODE_TOKEN}(?:(?:{_CODE_SEPARATOR}){_CODE_TOKEN})*)"
_KEYWORD = r"PR[O0]GETT[OI0]\s+"
_PROJECT_TAIL = re.compile(
    rf"(?:(?P<open>(?:{_OPENING}\s*){{1,2}}|C(?=PR))|(?<![0-9A-Za-z])){_KEYWORD}{_CODES}"
    rf"\s*(?P<close>{_CLOSING})?[\W_]*$", re.I)
_PROJECT_GROUP = re.compile(rf"(?P<open>{_OPENING}|(?<![0-9A-Za-z])C(?=PR))\s*{_KEYWORD}{_CODES}\s*\)", re.I)
# A printed code, possibly damaged past reading (characters lost or added): a digit among a few
# characters.  Words ('MuSA', OCR garble 'DZ SPRO') have none.
_CODE_SHAPE = re.compile(r"(?=.*\d)[0-9A-Za-z|!(]{3,8}")


@dataclass(frozen=True)
class ProjectGroup:
    """The ``(PROGETTO ...)`` group of a title: its code-like items as printed, and the rest."""

    printed: str            # the group as printed, brackets included
    codes: list[str]        # items with the shape of a code, or with readings under its grammar
    unread: list[str]       # items that are no code (OCR garble, a project name)

    def warning(self) -> str | None:
        """What a parser must say about the group: nothing when every item is a code."""
        if not self.codes:
            return f"project group {self.printed!r} prints no readable project code"
        if self.unread:
            return (f"project group {self.printed!r} prints {' '.join(self.unread)!r}, which is no "
                    f"project code; the codes {', '.join(self.codes)} are kept")
        return None


def is_code_like(item: str) -> bool:
    """True when a printed token is a project code, possibly damaged: never to be dropped."""
    return bool(_CODE_SHAPE.fullmatch(item) or _readings(item, _PROJECT))


def project_group(text: str | None) -> ProjectGroup | None:
    """The project group of a title, or None when the title prints none.

    At least one bracket (or an OCR look-alike) must enclose the group, so that a title merely
    ending in 'progetto MuSA' has none.  No code-like item is ever dropped: items that are no
    code are listed in ``unread`` for the parser's warning.
    """
    if not text:
        return None
    text = text.strip()
    m = _PROJECT_TAIL.search(text)
    if not m or not (m.group("open") or m.group("close")):
        m = _PROJECT_GROUP.search(text)
    if not m:
        return None
    # Codes never contain separators, so any dash, comma or blank splits them.
    items = [c for c in re.split(_CODE_SEPARATOR, m.group("codes")) if c]
    return ProjectGroup(text[m.start():].strip() if m.re is _PROJECT_TAIL else m.group(0),
                        [c for c in items if is_code_like(c)], [c for c in items if not is_code_like(c)])


def split_project_codes(text: str | None) -> list[str]:
    """The project codes printed in the ``(PROGETTO ...)`` group of a title, as printed."""
    group = project_group(text)
    return group.codes if group else []


def strategic_objective_of(project_code: str | None) -> str | None:
    """The strategic objective a well-formed project code belongs to: ``'1B0101' -> '1B'``."""
    if project_code and _fits(project_code, _PROJECT):
        return project_code[:2]
    return None


def is_project_code(code: str | None) -> bool:
    """True when ``code`` is a well-formed project code."""
    return bool(code) and _fits(code, _PROJECT)


def prints_project_codes(printed: Iterable[str | None]) -> bool:
    """True when at least one of a document's printed project codes is well formed: the document
    numbers its projects by this grammar (``Evidence.grammar_in_use``)."""
    return any(code and is_project_code(_compact(code)) for code in printed)
