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
  letter (a word's rest);
- the two lines start at the same x (left-aligned or justified text: in a centred cell every
  line looks full);
- the broken line fills the cell: the room left at its end (the cell's width less its left
  padding, taken as the right padding too) is narrower than the next line's first letter, so
  the typesetter could not have put even that letter on it.  A whole word whose end falls
  that close to the cell's edge is the one case this cannot tell apart; it is rare, since the
  word before a normal break leaves room for less than a space and the next word, not one letter
  -- except in tables whose columns were fitted to their longest word, where it is common.

Whether it is one, from the words the document prints elsewhere (not at such a line end):
1. the two parts joined make a word printed elsewhere ('Mantenimento'): a break;
2. else the broken line's word is printed elsewhere ('Monitoraggio' / 'della'): no break;
3. else the next line's first word is printed elsewhere, three letters or more ('presso'):
   no break (the one or two letters left of a broken word, 'e', 'ne', may be words too);
4. else a break: neither part is a word of the document ('rilevazion' / 'e ufficio').
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from camerale.extract.words import cell_lines

if TYPE_CHECKING:
    from camerale.extract.page_objects import Char
    from camerale.model import Box, Row

SOFT_HYPHEN = "\u00ad"
# Points two lines' starts may differ by and still be one left edge.
_SAME_START = 1.0
# A word of the document: letters, with an elided article or preposition ("dell'ente").
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def mark_word_breaks(text: str, chars: list[Char], box: Box) -> str:
    """``text`` (a ruled cell's lines joined by newlines) with a soft hyphen ending each line that
    ends inside a word the cell broke; the text unchanged when nothing shows such a break."""
    lines = text.split("\n")
    candidates = [i for i in range(len(lines) - 1)
                  if " " not in lines[i] and lines[i][-1:].isalpha() and lines[i + 1][:1].islower()]
    if not candidates or not all(c["upright"] for c in chars):
        return text  # (lines of sideways text are no lines of a cell's width)
    printed = cell_lines(chars)
    if len(printed) != len(lines):
        return text  # lines the text does not show one by one: nothing to stand on
    for i in candidates:
        broken, rest = printed[i], printed[i + 1]
        start = broken[0]["x0"]
        if abs(rest[0]["x0"] - start) > _SAME_START:
            continue
        padding = start - box.x0
        room = box.x1 - padding - max(c["x1"] for c in broken)
        if 0 <= padding and room < rest[0]["x1"] - rest[0]["x0"]:
            lines[i] += SOFT_HYPHEN
    return "\n".join(lines)


def resolve_word_breaks(rows: Iterable[Row], texts: Iterable[str]) -> None:
    """Keep each soft hyphen ``mark_word_breaks`` set where the document's words (``texts``: its
    pages' text) say the word was broken, and take it away where they say it was not; in place."""
    marked = [(row, i) for row in rows for i, cell in enumerate(row.cells)
              if cell is not None and SOFT_HYPHEN in cell.text]
    if not marked:
        return
    printed = Counter(w.lower() for text in texts for w in _WORD.findall(text))
    breaks = [(row, i, k, _edge_words(lines, k)) for row, i in marked
              for lines in [row.cells[i].text.split("\n")] for k, line in enumerate(lines)
              if line.endswith(SOFT_HYPHEN)]
    at_breaks = Counter(w for *_, pair in breaks for w in pair)
    elsewhere = {w: printed[w] - n for w, n in at_breaks.items()}
    for row, i, k, (head, tail) in breaks:
        joined = head + tail
        if printed[joined] == 0 and (elsewhere[head] > 0 or (len(tail) >= 3 and elsewhere[tail] > 0)):
            lines = row.cells[i].text.split("\n")
            lines[k] = lines[k].removesuffix(SOFT_HYPHEN)
            row.cells[i] = replace(row.cells[i], text="\n".join(lines))


def _edge_words(lines: list[str], k: int) -> tuple[str, str]:
    """The word ending line ``k`` and the word starting line ``k + 1``, lower case."""
    head = _WORD.findall(lines[k].removesuffix(SOFT_HYPHEN))
    tail = _WORD.findall(lines[k + 1])
    return (head[-1].lower() if head else ""), (tail[0].lower() if tail else "")
