"""pdfplumber's words and text of upright characters, without its general machinery.

The table reader asks for the words and text of every page and the text of every cell,
with pdfplumber's defaults.  pdfplumber's ``WordExtractor`` and ``extract_text`` serve
every direction, tolerance ratio and option through generators and key functions, and
were about a sixth of the reading time.  For upright characters (horizontal text, read
left to right, lines top to bottom) the functions here follow the same steps with the
same tolerances and give the very same words and text (``tests/test_words.py`` compares
them on every page of the samples and renditions); a page or cell holding any other
character is handed to pdfplumber.

The steps, as pdfplumber takes them: characters are clustered into lines by ``top``
(a line goes on while each next distinct ``top`` is within the tolerance of the last),
each line sorted by ``x0``; a word ends at a blank, and a character starts a new word
when it begins left of the previous one, more than the tolerance right of its end, or
more than the tolerance above or below it.  The words of a page are then laid out line
by line in their order; the words of a cell are clustered into lines by ``top`` again.

One thing is added to pdfplumber's words, never changing them: where a page prints its
word spaces as space glyphs (``_spaced_page``), a gap between two characters (inside a word, or between two
words) that holds no space glyph and is wider than the line's letter spacing is not a word
space: the printer set a new run of text there, as at the edge of a table cell set close
to its neighbour (pdfplumber glues 'realizzazione' and 'ufficio' of two cells 2 pt apart).
Such words carry those places (``Word`` ``cuts`` and ``unspaced``); the table reader parts
the runs only where other lines confirm a column border there.  So does a run the printer started
inside the last letter before it, glyphs apart in its printing order (a word wider than its cell
printed over the start of the next cell's text), or right after it closer than a gap (``_mark_runs``).  A
letter started inside the one before it with no such jump may be kerning, or a cell's text printed right after
the last letter of the cell before ('realizzazione' | 'si/no'): such words carry the place too (``overlaps``),
and the reader parts there only where other lines start a word at that very x.  One change to pdfplumber's words,
on such pages only: where a run starts further inside the run before it, so that sorted by ``x0``
their letters interleave, each run's letters are kept together, a word of its own (``_unweave``).
"""
from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES, WordExtractor
from pdfplumber.utils.text import extract_text as pdfplumber_text

if TYPE_CHECKING:
    from camerale.extract.page_objects import Char, Word

_X0, _X1, _TOP, _BOTTOM, _TEXT = (itemgetter(k) for k in ("x0", "x1", "top", "bottom", "text"))
_LIGATURE_GLYPHS = frozenset(LIGATURES)
# A gap holding no space glyph, wider than its line's letter spacing by this share of the font size,
# parts two runs of text; kerning moves letters by a few hundredths of it.
RUN_GAP = 0.1
# A page prints its word spaces as glyphs when more than this share of its word spaces are glyphs.
SPACED_SHARE = 0.8
# Tops further apart than this (points) may be two lines printed over each other; a bold face drawn
# twice, a word in another font on its line stand closer.
STACKED_STEP = 1.5


def _clusters(values: Sequence[float]) -> dict[float, int]:
    """Each distinct value -> its cluster: sorted values chained while within the tolerance (pdfplumber)."""
    clusters: dict[float, int] = {}
    index, last = 0, None
    for value in sorted(set(values)):
        if last is not None and not value <= last + DEFAULT_Y_TOLERANCE:
            index += 1
        clusters[value] = index
        last = value
    return clusters


def _char_lines(chars: Sequence[Char]) -> list[list[Char]]:
    """The characters of each line (clustered by ``top``), each sorted by ``x0``.

    pdfplumber chains tops: on a page in two text columns whose lines are offset, a line of one
    column chains through the other column's lines to the next line of its own, and the two
    lines' letters interleave ('O AN B T B I ...').  Where a chained line holds characters set
    over each other at tops further apart than the tolerance, it is cut at each such top
    (``_unchained``); elsewhere the lines are pdfplumber's."""
    cluster = _clusters([c["top"] for c in chars])
    lines: list[list[Char]] = [[] for _ in range(max(cluster.values()) + 1)]
    for c in chars:
        lines[cluster[c["top"]]].append(c)
    return [sorted(part, key=_X0) for line in lines for chained in _unchained(line) for part in _unstacked(chained)]


def _unchained(line: list[Char]) -> list[list[Char]]:
    tops = sorted({c["top"] for c in line})
    if tops[-1] - tops[0] <= DEFAULT_Y_TOLERANCE:
        return [line]
    parts: dict[float, list[Char]] = {}   # first top of each part -> its characters
    first = tops[0]
    for top in tops:
        if top > first + DEFAULT_Y_TOLERANCE:
            first = top
        parts.setdefault(first, [])
    starts = sorted(parts)
    for c in line:
        parts[starts[bisect_right(starts, c["top"]) - 1]].append(c)
    groups = list(parts.values())
    spans = [sorted((c["x0"], c["x1"]) for c in g if not c["text"].isspace()) for g in groups]
    if not any(_ranges_overlap(a, b) for i, a in enumerate(spans) for b in spans[i + 1:]):
        return [line]
    return groups


def _unstacked(line: list[Char]) -> list[list[Char]]:
    """A line that is two lines printed over each other, cut at the widest step between its tops: a
    cell's last line clipped past its foot over the next row's first (LibreOffice), closer than the
    tolerance.  Only where the letters above and below set over each other are two or more on each
    side (a word over a word; an accent set as a glyph of its own over its letter is no line)."""
    tops = sorted({c["top"] for c in line})
    if len(tops) < 2:
        return [line]
    step, cut = max((b - a, b) for a, b in zip(tops, tops[1:]))
    if step <= STACKED_STEP:
        return [line]
    upper = [c for c in line if c["top"] < cut and not c["text"].isspace()]
    lower = [c for c in line if c["top"] >= cut and not c["text"].isspace()]
    if _over_others(upper, lower) < 2 or _over_others(lower, upper) < 2:
        return [line]
    return [[c for c in line if c["top"] < cut], [c for c in line if c["top"] >= cut]]


def _over_others(chars: list[Char], others: list[Char]) -> int:
    """How many of ``chars`` are set over one of ``others`` (their x-ranges overlap by more than a hair)."""
    return sum(1 for c in chars if any(min(c["x1"], o["x1"]) - max(c["x0"], o["x0"]) > 0.5 for o in others))


def _ranges_overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> bool:
    """Whether two sorted lists of x-ranges hold two ranges that overlap by more than a hair."""
    i = j = 0
    while i < len(a) and j < len(b):
        if min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]) > 0.5:
            return True
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return False


def _char_words(chars: Sequence[Char]) -> list[list[Char]]:
    """The characters of each word, words in pdfplumber's order (line by line, left to right)."""
    return [word for line in _char_lines(chars) for word in _line_words(line)]


def _line_words(line: list[Char]) -> list[list[Char]]:
    """The characters of each word of one line (sorted by ``x0``), as pdfplumber parts them."""
    words: list[list[Char]] = []
    current: list[Char] = []
    for c in line:
        text = c["text"]
        if text.isspace():
            if current:
                words.append(current)
            current = []
        elif not text:   # pdfplumber splits at "punctuation" in "": an empty text is a word alone
            if current:
                words.append(current)
            words.append([c])
            current = []
        elif current and (c["x0"] < current[-1]["x0"] or c["x0"] > current[-1]["x1"] + DEFAULT_X_TOLERANCE
                          or abs(c["top"] - current[-1]["top"]) > DEFAULT_Y_TOLERANCE):
            words.append(current)
            current = [c]
        else:
            current.append(c)
    if current:
        words.append(current)
    return words


def _word_text(chars: list[Char]) -> str:
    texts = list(map(_TEXT, chars))
    if not _LIGATURE_GLYPHS.isdisjoint(texts):
        texts = [LIGATURES.get(t, t) for t in texts]
    return "".join(texts)


def _word(chars: list[Char]) -> Word:
    # A word's chars are sorted by x0: the first one's is the least.
    return {"text": _word_text(chars), "x0": chars[0]["x0"], "x1": max(map(_X1, chars)),
            "top": min(map(_TOP, chars)), "bottom": max(map(_BOTTOM, chars)), "upright": chars[0]["upright"]}


def _spaced_page(lines: list[tuple[list[Char], list[list[Char]]]], chars: Sequence[Char],
                 order: dict[int, int]) -> bool:
    """Whether a page prints its word spaces as space glyphs: most words that follow another within
    an em on their line follow a space glyph (a typesetter that places words by position leaves
    none; a blank of no width is none either: pdfium adds one where it guesses a word ends).  A word
    without one counts only when printed right after the word before, blanks aside (``chars`` in the
    page's printing order, ``order`` each one's place there): the typesetter placed it; a word of
    another run (the next table cell's text, set close to a word that ran over its own cell) says
    nothing of how the page spaces its words."""
    glyph = placed = 0
    for line, words in lines:
        blanks = [c["x0"] for c in line if c["text"].isspace() and c["x1"] > c["x0"]]   # sorted, as the line
        for before, after in zip(words, words[1:]):
            if after[0]["x0"] - before[-1]["x1"] > after[0]["size"]:
                continue
            i = bisect_left(blanks, before[-1]["x0"])
            if i < len(blanks) and blanks[i] <= after[0]["x0"]:   # a blank between the two words
                glyph += 1
            elif order[id(after[0])] > order[id(before[-1])] and \
                    all(c["text"].isspace() for c in chars[order[id(before[-1])] + 1:order[id(after[0])]]):
                placed += 1
    return glyph > SPACED_SHARE * (glyph + placed)


def _starts_run(ords: list[int], i: int) -> bool:
    """Whether a word's character ``i + 1`` starts a run of its own in the page's printing order (``ords``: the
    word's characters' places in it): it is not the next glyph printed after character ``i`` (so no kerning
    moved it there), and the glyph after it, if any, is its run's next."""
    return ords[i + 1] != ords[i] + 1 and (i + 2 == len(ords) or ords[i + 2] == ords[i + 1] + 1)


def _unweave(line: list[Char], order: dict[int, int]) -> list[Char]:
    """A line whose runs of text were printed over each other (a word wider than its table cell running
    into the next cell's word), each run's characters together, runs left to right; any other line as it is.

    A run is the line's characters in printing order (``order``), one after the other.  Sorted by ``x0``
    alone, two runs where one starts inside the other interleave their letters
    ('subordinatamentseubordinatamen...').  Only a run starting past the middle of the run before it, by
    more than kerning moves a letter, and left of that run's end is printed over it; a run printed over
    the start of another (a bold face drawn twice, slightly apart) is left as pdfplumber reads it.
    """
    ords = [order[id(c)] for c in line]
    if all(a < b for a, b in zip(ords, ords[1:])):
        return line   # printed left to right: its runs, however close, come out as they are
    runs: list[list[Char]] = []
    for c in sorted(line, key=lambda c: order[id(c)]):
        if runs and order[id(c)] == order[id(runs[-1][-1])] + 1:
            runs[-1].append(c)
        else:
            runs.append([c])
    if len(runs) < 2:
        return line
    runs = sorted((sorted(run, key=_X0) for run in runs), key=lambda run: run[0]["x0"])
    woven = False
    for a, b in zip(runs, runs[1:]):
        end = max(map(_X1, a))
        if (a[0]["x0"] + end) / 2 < b[0]["x0"] < end - RUN_GAP * b[0]["size"] and b[0]["text"].strip():
            woven = True
    return [c for run in runs for c in run] if woven else line


def _mark_runs(line: list[Char], char_words: list[list[Char]], words: list[Word], order: dict[int, int]) -> None:
    """Mark where a line of a page printed with space glyphs sets a new run of text apart without one
    (module doc): ``cuts`` inside a word, ``unspaced`` on a word set apart from the word before it.
    A run printed over the end of the one before it (``order``: each character's place in the page's
    printing order) is cut where it starts; the left part ends there."""
    spaced: set[int] = set()   # ids of the characters printed after a space glyph
    blank = False
    for c in line:
        if c["text"].isspace():
            blank = blank or c["x1"] > c["x0"]
        else:
            if blank:
                spaced.add(id(c))
            blank = False
    letter_gaps = [b["x0"] - a["x1"] for w in char_words for a, b in zip(w, w[1:])]
    spacing = statistics.median(letter_gaps) if letter_gaps else 0.0
    for word, chars in zip(words, char_words):
        ords = [order[id(c)] for c in chars]
        # Printed in one run (nearly every word): no run starts inside it, only a gap or an overlap parts it.
        one_run = ords == list(range(ords[0], ords[0] + len(ords)))
        if one_run and not any(b["x0"] - a["x1"] > spacing + RUN_GAP * b["size"] or b["x0"] < a["x1"] - RUN_GAP * b["size"]
                               for a, b in zip(chars, chars[1:])):
            continue   # nearly every word: neither a gap nor a letter started inside the one before parts it
        cuts, overlaps = [], []
        for i, (a, b) in enumerate(zip(chars, chars[1:])):
            # Not between two signs: leader dots set apart are one leader.
            if not (a["text"].isalnum() or b["text"].isalnum()):
                continue
            new_run = not one_run and _starts_run(ords, i)
            if b["x0"] - a["x1"] > spacing + RUN_GAP * b["size"]:
                cut = (a["x1"], b["x0"])
            elif new_run and b["x0"] < a["x1"]:
                # Printed over the end of ``a``: a word wider than its table cell ran into the next cell's
                # text ('programmate' over 'attività', each cell of a row running into the next one).  Runs
                # printed over each other letter by letter interleave, and are not parted here.
                cut = (b["x0"], b["x0"])
            elif new_run and b["x0"] >= a["x1"] and i > 0 and ords[i] == ords[i - 1] + 1:
                # Set closer than a run gap, ``a`` ending one run and ``b`` starting another, each run going
                # on on its side (a cell's text set just after a word that overflowed the cell before it:
                # 'programmate' | 'attività' 0.8 pt apart).
                cut = (a["x1"], b["x0"])
            elif b["x0"] < a["x1"] - RUN_GAP * b["size"]:
                # Started inside the letter before, in printing order: kerning moves a letter by less; so
                # does a cell's text set right after the last letter of the cell before ('realizzazione' |
                # 'si/no').  The table reader parts there only where other lines start a word too.
                overlaps.append((len(_word_text(chars[:i + 1])), b["x0"], b["x0"]))
                continue
            else:
                continue
            cuts.append((len(_word_text(chars[:i + 1])), *cut))   # where in the word's text
        if cuts:
            word["cuts"] = cuts
        if overlaps:
            word["overlaps"] = overlaps
    for (before, after), word in zip(zip(char_words, char_words[1:]), words[1:]):
        gap = after[0]["x0"] - before[-1]["x1"]
        # Set apart without a space glyph, or printed over the end of the word before (``_unweave``).
        if id(after[0]) not in spaced and gap > spacing + RUN_GAP * after[0]["size"] \
                or gap < -RUN_GAP * after[0]["size"]:
            word["unspaced"] = True


def _upright(chars: Sequence[Char]) -> bool:
    return all(c["upright"] for c in chars)


def page_words_and_text(chars: list[Char]) -> tuple[list[Word], str]:
    """The words of a page and its text, as pdfplumber's ``extract_words()`` and ``extract_text()`` give them."""
    if not chars:
        return [], ""
    if not _upright(chars):
        wordmap = WordExtractor().extract_wordmap(chars)
        words: list[Word] = [{"text": w["text"], "x0": w["x0"], "x1": w["x1"], "top": w["top"],
                              "bottom": w["bottom"], "upright": w["upright"]} for w, _ in wordmap.tuples]
        return words, wordmap.to_textmap(presorted=True).as_string
    lines = [(line, _line_words(line)) for line in _char_lines(chars)]
    words = []
    order = {id(c): i for i, c in enumerate(chars)}
    spaced = _spaced_page(lines, chars, order)
    if spaced:
        unwoven = [_unweave(line, order) for line, _ in lines]
        lines = [(new, _line_words(new)) if new is not old[0] else old for new, old in zip(unwoven, lines)]
    for line, char_words in lines:
        line_words = [_word(w) for w in char_words]
        if spaced:
            _mark_runs(line, char_words, line_words, order)
        words += line_words
    # Lines of the text: runs of consecutive words whose tops fall in one cluster.
    cluster = _clusters([w["top"] for w in words])
    lines: list[list[str]] = []
    previous = None
    for w in words:
        here = cluster[w["top"]]
        if here != previous:
            lines.append([])
            previous = here
        lines[-1].append(w["text"])
    return words, "\n".join(_spaced(line) for line in lines)


def _spaced(texts: list[str]) -> str:
    """Words joined by one space; pdfplumber puts none after a line start that is still empty."""
    out = ""
    for text in texts:
        out += (" " if out else "") + text
    return out


def cell_text(chars: list[Char]) -> str:
    """The text of a cell's characters, as pdfplumber's ``extract_text`` (and so ``Table.extract``) gives it."""
    if not chars:
        return ""
    if not _upright(chars):
        return pdfplumber_text(chars)
    return "\n".join(" ".join(map(_word_text, line)) for line in _cell_words(chars))


def cell_lines(chars: list[Char]) -> list[list[Char]]:
    """The printed characters of a cell of upright text, line by line as ``cell_text`` gives its lines."""
    return [[c for word in line for c in word] for line in _cell_words(chars)]


def _cell_words(chars: list[Char]) -> list[list[list[Char]]]:
    """The characters of a cell's words, line by line: the words clustered into lines by ``top``."""
    words = _char_words(chars)
    if not words:   # blanks only
        return []
    tops = [min(map(_TOP, w)) for w in words]
    cluster = _clusters(tops)
    lines: list[list[list[Char]]] = [[] for _ in range(max(cluster.values()) + 1)]
    for word, top in zip(words, tops):
        lines[cluster[top]].append(word)
    return [line for line in lines if line]
