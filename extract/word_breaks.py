"""Words a narrow ruled cell broke across two lines, found from where the characters stand.

Word processors set a word wider than its cell's line by breaking it between two letters,
without a hyphen: 'percentu' / 'ale', 'Proseguimen' / 'to del progetto'.  Read line by line,
the cell says 'percentu ale'.  Where the page shows that such a break is the only reading,
the cell's text gets a soft hyphen (U+00AD, the character that marks a place a word may be
broken) at the end of the broken line, so that the raw text still shows both printed lines
and ``clean_text`` joins them into the word.

A page shows where a break may be; the document's own words say whether it is one
(``resolve_word_breaks``, once the whole document is read).

Where a break may be, all of this is required:
- the broken line is one word ending in a letter, and the next line starts with a lower-case
  letter (a word's rest), or with a capital after a word in capitals ('OBIETTI' / 'VO N.'), or
  with the punctuation mark closing the word ("dell'innovazione" / '.': set without a space, it
  goes with the word, and no line opens with one unless the word before it was broken);
- the broken line fills the cell: the room left on it (the cell's width less its padding on
  both sides and less the line) is narrower than the next line's first letter, so the
  typesetter could not have put even that letter on it.  Where the two lines start at the same
  x (left-aligned or justified text) the broken line's own start gives the padding; where the
  broken line stands in the middle of the cell (centred text, whose lines all look full by
  their own starts) the padding is the table's (``table_padding``), and without it nothing is
  marked.  A whole word whose end falls
  that close to the cell's edge is the one case this cannot tell apart; it is rare, since the
  word before a normal break leaves room for less than a space and the next word, not one letter
  -- except in tables whose columns were fitted to their longest word, where it is common.

Whether it is one, from the words the document prints elsewhere (not at such a line end) and
from Italian (``lexicon``: Tesseract's word list), where the next line opens with a letter (a closing
mark is no word's start: the page alone says it):
1. the two parts joined make a word printed elsewhere ('Mantenimento'): a break;
2. else Italian, where it tells them apart: the two joined make a word and the broken line's
   word is none ('organizz' / 'azione'): a break, though 'azione' is a word of the document
   too; the broken line's word is one and the two joined are none ('conformemente' / 'a
   quanto'): no break; both are words and the next line's is none ('compete' / 'nte'): a break;
3. else the broken line's word is printed elsewhere ('Monitoraggio' / 'della'), or the next
   line's first word is ('presso'): no break; only words of three letters or more count (the
   one or two letters on either side of a broken word, 'e', 'ne', the 'c' of 'telematica/c' /
   'ondivisione', may be words too);
4. else an apostrophe inside the two joined ("servizio" / "dell'Org"): no break (an elided
   article or preposition only opens a word);
5. else a break: neither part is a word of the document ('rilevazion' / 'e ufficio').

A figure broken between digits ('201' / '7': a year in a column narrower than its four digits) is a
break where the two joined are a figure the document prints whole elsewhere ('2017'); a line of one
figure and a next line opening with a digit is all the page is asked for, since the room a centred
figure leaves says little when the table's padding is only estimated.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from camerale.extract.lexicon import italian_words
from camerale.extract.words import cell_lines

if TYPE_CHECKING:
    from camerale.extract.page_objects import Char
    from camerale.model import Box, Row

SOFT_HYPHEN = "\u00ad"
# An elided article or preposition ("l'", "dell'", "sull'", "quest'"): a few letters before the apostrophe.
_ELISION = re.compile(r"^[^\W\d_]{1,5}['’]")
# Points two lines' starts may differ by and still be one left edge.
_SAME_START = 1.0
# A word of the document: letters, with an elided article or preposition ("dell'ente").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A figure of the document: digits, with the separators of thousands and decimals between them.
_FIGURE = re.compile(r"\d(?:[\d.,]*\d)?")
# Punctuation that closes the word before it, set without a space.
_CLOSING = frozenset(".,;:!?")
# The digits, and separators, that end a line broken inside a figure.
_FIGURE_END = re.compile(r"\d[\d.,]*$")


def table_padding(cells: Iterable[tuple[Box, list[Char]]]) -> float | None:
    """The room a ruled table's cells leave between their left rule and their text: the smallest
    gap from a cell's left side to a line's start that three lines share (left-aligned lines all
    show it; so do full lines of centred text), or None when no three lines agree."""
    gaps = sorted(line[0]["x0"] - box.x0 for box, chars in cells if chars and all(c["upright"] for c in chars)
                  for line in cell_lines(chars))
    gaps = [g for g in gaps if g >= 0]
    return next((g for i, g in enumerate(gaps[:-2]) if gaps[i + 2] - g <= _SAME_START), None)


def mark_word_breaks(text: str, chars: list[Char], box: Box, padding: float | None = None,
                     goes_on: bool = False, capitals: bool = False) -> str:
    """``text`` (a ruled cell's lines joined by newlines) with a soft hyphen ending each line that
    ends inside a word the cell broke; the text unchanged when nothing shows such a break.
    ``padding``: the table's (``table_padding``), for lines set in the middle of their cell.
    ``goes_on``: the cell ends its table, whose rest a page break may have sent to the next page:
    its last line is marked too when it fills the cell, by the width of the cell's widest small
    letter (the next page's letters are not at hand: the rest may open with any of them; the
    document's words judge the mark); ``resolve_word_breaks``, run on the rows the page breaks
    were joined in, takes a mark with no line after it away.
    ``capitals``: only words in capitals are marked (a cell whose width is only estimated)."""
    lines = text.split("\n")
    # A word's rest opens in lower case, or, in a word printed in capitals, in a capital ('OBIETTI' / 'VO N.'),
    # or is the punctuation mark that closed it ("dell'innovazione" / '.').
    candidates = [i for i in range(len(lines) - 1)
                  if _may_break(lines[i]) and (lines[i + 1][:1].islower() and not capitals
                                               or lines[i].isupper() and lines[i + 1][:1].isupper()
                                               or _closes(lines[i + 1]) and (lines[i].isupper() or not capitals))]
    if goes_on and _may_break(lines[-1]):
        candidates.append(len(lines) - 1)
    figures = [i for i in range(len(lines) - 1) if _figure_may_break(lines[i], lines[i + 1])]
    for i in figures:
        lines[i] += SOFT_HYPHEN   # judged by the document's figures (``resolve_word_breaks``)
    if not candidates or not all(c["upright"] for c in chars):
        return "\n".join(lines)  # (lines of sideways text are no lines of a cell's width)
    printed = cell_lines(chars)
    if len(printed) != len(lines):
        return "\n".join(lines)  # lines the text does not show one by one: nothing to stand on
    widest = max((c["x1"] - c["x0"] for c in chars if c["text"].islower()), default=None)   # small letter
    for i in candidates:
        broken = printed[i]
        start, end = broken[0]["x0"], max(c["x1"] for c in broken)
        if i + 1 < len(printed):
            beside, letter = printed[i + 1][0]["x0"], printed[i + 1][0]["x1"] - printed[i + 1][0]["x0"]
        elif i > 0 and widest is not None:
            beside, letter = printed[i - 1][0]["x0"], widest
        else:
            continue
        if abs(beside - start) <= _SAME_START:
            side = start - box.x0
        elif padding is not None and abs((start - box.x0) - (box.x1 - end)) <= 2 * _SAME_START:
            side = padding   # a centred line
        else:
            continue
        room = box.x1 - box.x0 - 2 * side - (end - start)
        if 0 <= side and room < letter:
            lines[i] += SOFT_HYPHEN
    return "\n".join(lines)


def _may_break(line: str) -> bool:
    """A line that may end inside a word: one word, ending in a letter."""
    return " " not in line and line[-1:].isalpha()


def _closes(line: str) -> bool:
    """A line opening with a mark that closes the word before it ('.', ',', ';', ':', '!', '?'): no line
    opens so unless the word before it, wider than its line, was broken there."""
    return line[:1] in _CLOSING


def _figure_may_break(line: str, following: str) -> bool:
    """A line that may end inside a figure: one figure ending in a digit or a separator ('100,' / '0%'),
    the next line opening with a digit."""
    return " " not in line and _FIGURE_END.search(line) is not None and following[:1].isdigit()


def resolve_word_breaks(rows: Iterable[Row], texts: Iterable[str]) -> None:
    """Keep each soft hyphen ``mark_word_breaks`` set where the document's words (``texts``: its
    pages' text) say the word was broken, and take it away where they say it was not; in place.

    A word broken over three lines or more ('sospe' / 'nsione' / 'camer...') is judged at each
    break as far as it reaches: 'sospensione', then 'sospensionecamer'.

    A cell's last line marked goes on at the head of the cell under it, in the next row of its table
    on the same page (``_rest_below``), or nowhere: a mark set where a page break was to continue the
    cell (``goes_on``) and none did is taken away."""
    rows = list(rows)
    marked = [(r, i) for r, row in enumerate(rows) for i, cell in enumerate(row.cells)
              if cell is not None and SOFT_HYPHEN in cell.text]
    if not marked:
        return
    texts = list(texts)
    printed = Counter(w.lower() for text in texts for w in _WORD.findall(text))
    figures = {f for text in texts for f in _FIGURE.findall(text)}
    cells = []
    for r, i in marked:
        lines = rows[r].cells[i].text.split("\n")
        rest = _rest_below(rows, r, i) if lines[-1].endswith(SOFT_HYPHEN) else None
        if rest is None:
            lines[-1] = lines[-1].removesuffix(SOFT_HYPHEN)
        else:
            lines.append(rest.removesuffix(SOFT_HYPHEN))   # read to judge the break, then left to its own cell
        cells.append((rows[r], i, lines, [k for k, line in enumerate(lines) if line.endswith(SOFT_HYPHEN)],
                      rest is not None))
    at_breaks = Counter(w for *_, lines, ks, _ in cells for k in ks for w in _edge_words(lines, k))
    elsewhere = Counter({w: printed[w] - n for w, n in at_breaks.items()})
    for row, i, lines, ks, borrowed in cells:
        reach = ""   # the word a kept break before this line began
        for k in ks:
            head = lines[k].removesuffix(SOFT_HYPHEN)
            if _figure_may_break(head, lines[k + 1]):
                if _FIGURE_END.search(head)[0] + _FIGURE.match(lines[k + 1])[0] not in figures:
                    lines[k] = head
                reach = ""
                continue
            if _closes(lines[k + 1]):
                reach = ""   # a closing mark opens no word: the full line the page showed decides alone
                continue
            head, tail = _edge_words(lines, k)
            if reach and " " not in lines[k].strip() and k - 1 in ks and lines[k - 1].endswith(SOFT_HYPHEN):
                head = reach + head
            if not _one_word(head, tail, printed, elsewhere):
                lines[k] = lines[k].removesuffix(SOFT_HYPHEN)
                reach = ""
            else:
                reach = head
        row.cells[i] = replace(row.cells[i], text="\n".join(lines[:-1] if borrowed else lines))


def _rest_below(rows: list[Row], r: int, i: int) -> str | None:
    """The first line of the cell under cell ``i`` of row ``r``, in the next row of its table, printed on the
    same page: where a text table's lines are read a row each, a word broken at a cell's end goes on there.
    None where there is no such cell."""
    if r + 1 >= len(rows):
        return None
    row, below = rows[r], rows[r + 1]
    cell = below.cells[i] if i < len(below.cells) else None
    if row.table is None or (below.page, below.table) != (row.page, row.table) or cell is None \
            or not cell.text.strip() or cell.page != row.cells[i].page:
        return None
    return cell.text.split("\n")[0]


def _one_word(head: str, tail: str, printed: Counter[str], elsewhere: Counter[str]) -> bool:
    """Whether the word ending a line (``head``) and the one opening the next (``tail``) are one
    word the cell broke, by the rules in the module's doc."""
    joined = head + tail
    if printed[joined] > 0:
        return True
    words = italian_words()
    if words is not None:
        # An elided article or preposition is no part of the word looked up: "dell'organismo".
        is_joined, is_head = _elided(joined) in words, _elided(head) in words
        if is_joined != is_head:
            return is_joined
        # A rest that is no word, after a line's word that makes one with it, is that word's rest.
        if is_joined and tail and _elided(tail) not in words:
            return True
    if (len(head) >= 3 and elsewhere[head] > 0) or (len(tail) >= 3 and elsewhere[tail] > 0):
        return False
    return bool(_ELISION.match(joined)) or not any(q in joined for q in "'’")


def _elided(word: str) -> str:
    """``word`` without an elided article or preposition before it ("dell'", "l'", "un'")."""
    return _ELISION.sub("", word)


def _edge_words(lines: list[str], k: int) -> tuple[str, str]:
    """The word ending line ``k`` and the word starting line ``k + 1``, lower case."""
    head = _WORD.findall(lines[k].removesuffix(SOFT_HYPHEN))
    tail = _WORD.findall(lines[k + 1])
    return (head[-1].lower() if head else ""), (tail[0].lower() if tail else "")
