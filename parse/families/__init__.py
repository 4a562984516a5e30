"""Layout families: what each known report template prints, declared as data.

A report template (a *layout family*) is one module in this package defining ``FAMILY``,
a ``Family``: the document type it holds, the labels it prints for each concept with
their known variants, which of those labels recognise it, its tables, and the parser
that reads it.  ``families()`` discovers the modules, ``recognise()`` picks the family
of a document from its printed labels; adding a family is adding a module, never
editing another family or a chain of ifs.

Labels are matched on *folded* text (``fold``): lower case, accents and the apostrophe
that stands for a lost accent (``responsabilita'``) dropped, whitespace collapsed, so
one pattern covers ``Centro di responsabilità``, ``CENTRO DI RESPONSABILITA'`` and
``Centro di\\nresponsabilità:``.
"""
from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from typing import Any

from camerale.normalize.text import clean_text, dash_placeholder

# A header cell broken inside its words by a narrow column: at most this many printed characters
# (blanks and line breaks not counted: the narrower the column, the more of them), this many breaks.
_BROKEN_LABEL_CHARS = 40
_BROKEN_LABEL_BREAKS = 5
# Characters after a label that still leave it a label: the colon of 'Titolo:', OCR specks. A dash set
# right before a digit is the value's minus sign ('Risultato anno 2017 -3,05%'), not a separator.
_LABEL_END = re.compile(r"^(?:[\s:;.,'’`·]|[\-–—](?!\d))*")
_SPECKS_BEFORE = re.compile(r"^[.,;:'’`·•\-–—_|]+(?=[^\W\d_]|%)")   # set close to the label, no blank
# A capital right after a small letter inside a word: two cells' texts glued where the first ran over into
# the next with no blank between ('TipologiaUnità di misura').
_GLUED_CAPITAL = re.compile(r"(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ])")
_APOSTROPHE_FOR_ACCENT = re.compile(r"(?<=[aeiou])['’`](?=\s|$|[:;.,])")
# A run of ASCII characters other than blanks (str.isspace's, as ``_fold`` collapses them).
_ASCII_WORD = re.compile(r"[^\s]+")


# Labels live in short texts, printed hundreds of times in a report: those foldings are kept (a long
# text's positions would cost tens of bytes per character in a worker that reads thousands of documents).
_FOLD_CACHED_CHARS = 200


def fold_with_positions(text: str) -> tuple[str, tuple[int, ...]]:
    """``text`` folded for label matching, and for each folded character its index in ``text``."""
    return _fold_short(text) if len(text) <= _FOLD_CACHED_CHARS else _fold(text)


@lru_cache(maxsize=1 << 12)
def _fold_short(text: str) -> tuple[str, tuple[int, ...]]:
    return _fold(text)


def _fold(text: str) -> tuple[str, tuple[int, ...]]:
    if text.isascii() and "'" not in text and "`" not in text:
        # Most cells (figures, codes, many labels): no accent to drop, no apostrophe to weigh; the words
        # lower case, one blank between them, each blank at the place of the first it stands for.
        out, positions = [], []
        for m in _ASCII_WORD.finditer(text):
            if positions:
                out.append(" ")
                positions.append(previous_end)
            out.append(m.group().lower())
            positions.extend(range(m.start(), m.end()))
            previous_end = m.end()
        return "".join(out), tuple(positions)
    out = []
    positions = []
    for i, ch in enumerate(text):
        if ch in "'’`" and _APOSTROPHE_FOR_ACCENT.match(text, i) and i and text[i - 1].lower() in "aeiou":
            continue
        if ch.isspace():
            if out and out[-1] != " ":
                out.append(" ")
                positions.append(i)
            continue
        for part in unicodedata.normalize("NFKD", ch):
            if unicodedata.combining(part):
                continue
            for low in part.lower():
                out.append(low)
                positions.append(i)
    while out and out[-1] == " ":
        out.pop()
        positions.pop()
    return "".join(out), tuple(positions)


def fold(text: str | None) -> str:
    """Text as label patterns see it: ``'Unità di\\nmisura:'`` -> ``'unita di misura:'``."""
    return fold_with_positions(clean_text(text) or "")[0]


def _unnamed(pattern: str) -> str:
    """A pattern without its named groups, to be joined with others that use the same names."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


@dataclass(frozen=True)
class LabelMatch:
    """A label found at the start of a cell's text."""

    concept: str
    groups: dict[str, str]   # named groups of the pattern that matched (year, phase, ...)
    rest: str                # the cell's (cleaned) text after the label: a value glued to it
    explicit: bool           # the label ends with a colon, or is the whole cell


class Vocabulary:
    """Concept -> label patterns (regular expressions over folded text), longest match first."""

    def __init__(self, labels: Mapping[str, Iterable[str]], glued: Iterable[str] = (),
                 opening: Iterable[str] = (), dated: Iterable[str] = ()) -> None:
        self.labels = {concept: tuple(patterns) for concept, patterns in labels.items()}
        self.glued = frozenset(glued)
        self.opening = frozenset(opening)
        self.dated = frozenset(dated)    # concepts whose label names a year when it stands inside a line
        self._patterns = [(concept, re.compile(rf"(?:{p})(?=$|[\s:;.,(/'’\-–—])"))
                          for concept, patterns in self.labels.items() for p in patterns]
        # Parsers ask for the same cells' labels many times (each strategy, each header candidate).
        self.match = lru_cache(maxsize=1 << 12)(self._match)  # type: ignore[method-assign]

    # The two patterns below serve only the parsers that split pairs and find labels inside a text (PIRA's):
    # compiled when first asked for, not in every worker that reads another family's documents.
    @cached_property
    def _inner(self) -> re.Pattern[str]:
        """Any label followed by a colon after a space: where a cell printing several pairs splits.
        Labels that open a record or a block stand at the start of a line, never after a value."""
        every = "|".join(f"(?:{_unnamed(p)})" for concept, patterns in self.labels.items()
                         if concept not in self.opening for p in patterns)
        return re.compile(rf"(?<=\s)(?:{every})\s*:")

    @cached_property
    def _anywhere(self) -> dict[str, re.Pattern[str]]:
        return {concept: re.compile(rf"(?:^|(?<=\s))(?:{'|'.join(map(_unnamed, patterns))})(?=$|\s)")
                for concept, patterns in self.labels.items()}

    @cached_property
    def _spaceless(self) -> list[tuple[str, re.Pattern[str]]]:
        """The labels without their blanks, for a label broken at nearly every line of its cell (rare:
        compiled when first asked for)."""
        return [(concept, re.compile(p.replace(" ?", "").replace(" ", "")))
                for concept, patterns in self.labels.items() for p in patterns]

    def _match(self, text: str | None, glue_all: bool = False) -> LabelMatch | None:
        """The longest label at the start of ``text``.

        A label followed by more text is a label only when a colon follows it or its
        concept may be glued to its value (``Indicatore Ideazione di ...``), or every concept
        may (``glue_all``: the caller is inside a report's detail, where an unruled reader may
        give a label column and its values as one cell); otherwise the cell is a value that happens to start with a label word.
        """
        # A dash or a speck OCR read before a label ('—% Utilizzo Budget') is no part of it: no label opens so.
        cleaned = _SPECKS_BEFORE.sub("", clean_text(text) or "")
        folded, positions = fold_with_positions(cleaned)
        best: tuple[int, str, re.Match[str]] | None = None
        for concept, rx in self._patterns:
            m = rx.match(folded)
            if m and (best is None or m.end() > best[0]):
                best = (m.end(), concept, m)
        if best is None:
            return self._broken_label(text)
        end, concept, m = best
        tail = folded[end:]
        sep = _LABEL_END.match(tail).group(0)
        colon = sep.find(":")
        explicit = ":" in sep or not tail[len(sep):]
        if colon >= 0 and dash_placeholder(after := sep[colon + 1:]):
            # 'Risultato atteso 2017: ---': the dashes after the colon are the value (printed as nothing).
            sep = sep[:colon + 1] + after[:len(after) - len(after.lstrip())]
        elif colon < 0 and explicit and sep[:1].isspace() and dash_placeholder(sep):
            # 'Risultato anno 2017 ---' and nothing after: the dashes are the value, set apart by a blank.
            sep = sep[:len(sep) - len(sep.lstrip())]
        if not explicit:
            # A whole label broken inside its words beats a label word followed by the rest of the cell.
            broken = self._broken_label(text)
            # A label word followed by a comma or a semicolon opens a sentence ('risorse, a partire dal
            # numero degli addetti ...', the next line of a description), never a label glued to its value.
            if broken is not None or (concept not in self.glued and not glue_all) or sep.lstrip()[:1] in (",", ";"):
                return broken
        start = positions[end + len(sep)] if end + len(sep) < len(positions) else len(cleaned)
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        return LabelMatch(concept, groups, cleaned[start:].strip(), explicit)

    def _broken_label(self, text: str | None) -> LabelMatch | None:
        """A cell that is one label whose words a narrow column broke over lines ('Tipolog\\nia',
        'Algoritm\\no di\\ncalcolo'): each line break between letters is tried as a break inside a
        word, and the first reading that is a whole label wins.  None for any other cell."""
        if not text or "\n" not in text or len(re.sub(r"\s", "", text)) > _BROKEN_LABEL_CHARS:
            return None
        lines = [line.strip().replace("\u00ad", "") for line in text.strip().splitlines()]
        if len(lines) > _BROKEN_LABEL_BREAKS + 1:
            # A column so narrow that the label is broken at nearly every line ('Arc' 'o te' 'mpo' 'rale'
            # ..., 'O' 'b' '.' 's' ...): its letters read without the blanks.
            folded = fold("".join(lines)).replace(" ", "").rstrip(":")
            for concept, rx in self._spaceless:
                if m := rx.fullmatch(folded):
                    return LabelMatch(concept, {k: v for k, v in m.groupdict().items() if v is not None}, "", True)
            return None
        parts = re.split(r"(?<=[^\W\d_])\n(?=[^\W\d_])", text.strip())
        if len(parts) == 1 or len(parts) > _BROKEN_LABEL_BREAKS + 1:
            return None
        for joins in itertools.product((False, True), repeat=len(parts) - 1):
            if not any(joins):
                continue  # the cell as printed: the caller's own reading
            joined = parts[0] + "".join(("" if join else " ") + part for join, part in zip(joins, parts[1:]))
            folded = fold(joined)
            for concept, rx in self._patterns:
                m = rx.match(folded)
                if m and not folded[m.end():].strip(" :"):
                    groups = {k: v for k, v in m.groupdict().items() if v is not None}
                    return LabelMatch(concept, groups, "", True)
        return None

    def split_pairs(self, text: str) -> list[str]:
        """``'Tipologia: efficacia Unità di misura: percentuale'`` -> one text per 'label: value' pair."""
        cleaned = clean_text(text) or ""
        folded, positions = fold_with_positions(cleaned)
        starts = [positions[m.start()] for m in self._inner.finditer(folded)]
        if not starts or self.match(cleaned) is None:
            return [text]  # only a cell that opens with a label holds pairs; a value keeps its words
        kept = [0]
        for start in starts:
            # A split never falls inside the label that opens the piece ('Risorse consuntivo 2019:').
            opening = self.match(cleaned[kept[-1]:])
            label_end = kept[-1] + len(cleaned[kept[-1]:]) - len(opening.rest) if opening else kept[-1]
            inner = self.match(cleaned[start:])
            # A year-less 'Risultato atteso:' inside a value is the value's own words.
            if start >= label_end and inner is not None and not (inner.concept in self.dated
                                                                 and "year" not in inner.groups):
                kept.append(start)
        bounds = [*kept, len(cleaned)]
        return [cleaned[a:b].strip() for a, b in zip(bounds, bounds[1:]) if cleaned[a:b].strip()]

    def find(self, concepts: Iterable[str], text: str) -> list[tuple[str, int, int]]:
        """(concept, start, end) of every label of ``concepts`` inside ``text`` (cleaned), left to right:
        'proventi correnti € 0,00 – oneri correnti € 5.400,00' names two items."""
        cleaned = clean_text(text) or ""
        folded, positions = fold_with_positions(cleaned)
        found = []
        for concept in concepts:
            for m in self._anywhere[concept].finditer(folded):
                end = positions[m.end() - 1] + 1 if m.end() else 0
                found.append((concept, positions[m.start()], end))
        return sorted(found, key=lambda f: (f[1], -f[2]))  # at one place, the longest label first

    def only_labels(self, text: str) -> list[str] | None:
        """The labels a text is made of and nothing else ('proventi correnti oneri correnti
        investimenti': a header row a reader gave as one line; 'TipologiaUnità di misura': two labels
        glued where the first ran over into the next cell), or None."""
        cleaned = clean_text(text) or ""
        for reading in dict.fromkeys((cleaned, _GLUED_CAPITAL.sub(" ", cleaned))):
            found = self.find(self.labels, reading)
            pieces, at = [], 0
            for concept, start, end in found:
                if start < at:
                    continue
                if reading[at:start].strip():
                    break
                pieces.append(reading[start:end])
                at = end
            else:
                if len(pieces) > 1 and not reading[at:].strip():
                    return pieces
        return None

    def concepts_in(self, texts: Iterable[str]) -> set[str]:
        """Concepts whose labels start one of ``texts`` (glued to a value or not)."""
        found: set[str] = set()
        for text in texts:
            m = self.match(text, glue_all=True)
            if m is not None:
                found.add(m.concept)
        return found


@dataclass(frozen=True)
class TableSpec:
    """One table of a family: the concepts of its header that identify it, and its columns."""

    name: str
    identify: tuple[str, ...]        # every one of these header concepts must be printed
    columns: tuple[str, ...] = ()    # the concepts read as columns (a header may print them in any order)


@dataclass(frozen=True)
class Family:
    """A layout family: everything camerale knows about one report template."""

    name: str                        # what documents.layout says
    doc_type: str                    # "pira", "relazione_performance"
    vocabulary: Vocabulary
    signature: tuple[str, ...]       # concepts whose labels recognise the family
    min_signature: float             # share of the signature that must be printed
    parser: str                      # "module:function" taking (layout, info, context, family)
    completeness: str                # "module:function" taking the parsed tables -> Completeness
    text_parser: str | None = None   # for converter text, when it needs its own reader
    tables: tuple[TableSpec, ...] = ()
    notes: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def parse_function(self, input_kind: str) -> Callable[..., Any]:
        return _resolve(self.text_parser if input_kind == "text" and self.text_parser else self.parser)

    def completeness_function(self) -> Callable[..., Any]:
        return _resolve(self.completeness)

    def table(self, name: str) -> TableSpec:
        return next(t for t in self.tables if t.name == name)


def _resolve(target: str) -> Callable[..., Any]:
    # Parsers import this package for the vocabulary, so families name them instead of importing them.
    module, function = target.rsplit(":", 1)
    return getattr(importlib.import_module(module), function)


@cache
def families() -> tuple[Family, ...]:
    """Every family module of this package, discovered (not listed)."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        family = getattr(module, "FAMILY", None)
        if isinstance(family, Family):
            found.append(family)
    return tuple(sorted(found, key=lambda f: f.name))


def family(name: str) -> Family:
    return next(f for f in families() if f.name == name)


@dataclass(frozen=True)
class Recognition:
    """Which family a document belongs to, and how sure: printed signature concepts / signature."""

    family: Family | None
    score: float
    best: Family | None              # the best candidate, recognised or not
    missing: tuple[str, ...] = ()    # signature concepts the best candidate did not find

    def describe(self) -> str:
        if self.best is None:
            return "no layout family for this document type"
        return (f"{self.best.name} {self.score:.0%} of its labels "
                f"(missing: {', '.join(self.missing) or 'none'})")


def recognise(texts: list[str], doc_type: str) -> Recognition:
    """The family of ``doc_type`` whose signature labels the document prints most.

    ``texts`` are the document's cell texts (table cells and prose lines).
    """
    best: tuple[float, Family, tuple[str, ...]] | None = None
    for candidate in families():
        if candidate.doc_type != doc_type:
            continue
        found = candidate.vocabulary.concepts_in(texts)
        missing = tuple(c for c in candidate.signature if c not in found)
        score = 1 - len(missing) / len(candidate.signature)
        if best is None or score > best[0]:
            best = (score, candidate, missing)
    if best is None:
        return Recognition(None, 0.0, None)
    score, candidate, missing = best
    return Recognition(candidate if score >= candidate.min_signature else None, score, candidate, missing)
