"""Text cleaning on the seeds' real cases and hand-written damaged variants."""
from __future__ import annotations

import pytest

from camerale.normalize.text import clean_text, dash_placeholder, repair_ocr_text


@pytest.mark.parametrize("raw, expected", [
    # PIRA L52: programme name wrapped in <u>
    ("005 <u>Vigilanza sui mercati e sui prodotti</u>", "005 Vigilanza sui mercati e sui prodotti"),
    # PIRA L53: overview objectives wrapped in <p>
    ("<p>011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE</p> <p>011-005-002 RIAFFERMARE</p>",
     "011-005-001 ANALISI DEL SISTEMA ECONOMICO LOCALE 011-005-002 RIAFFERMARE"),
    # PIRA L99: an unclosed <ul> with a style attribute; the list items stay as inline text
    ('I servizi da revisionare sono:</p> <ul style="list-style-type: none"> -avvio e sviluppo d\'impresa',
     "I servizi da revisionare sono: -avvio e sviluppo d'impresa"),
    # Relazione: a line ending in letter+'-' joins without a space and keeps the hyphen
    ("MANTENIMENTO E SVILUPPO DELLE PERFORMANCE DI TIPO ANAGRAFICO-\nCERTIFICATIVO",
     "MANTENIMENTO E SVILUPPO DELLE PERFORMANCE DI TIPO ANAGRAFICO-CERTIFICATIVO"),
    ("Economicità dei Servizi Amministrativi-\nAnagrafici", "Economicità dei Servizi Amministrativi-Anagrafici"),
    # ... and after a digit (gold: 'OBIETTIVI DI ENTE N. 4-5-6', wrapped after '4-5-' in a narrow cell)
    ("OBIETTIVI DI ENTE N. 4-5-\n6 DEL 2016", "OBIETTIVI DI ENTE N. 4-5-6 DEL 2016"),
    # ... and after a slash (gold: 'versamenti in c/contenimento spese', a line broken after 'c/')
    ("versamenti in c/\ncontenimento spese", "versamenti in c/contenimento spese"),
    ("domande / \ndenunce", "domande / denunce"),
    # Relazione: wrapped lines join with one space; a dash between words is not a hyphenation
    ("Valorizzazione dell'informazione economica per il \n\nmiglioramento della definizione",
     "Valorizzazione dell'informazione economica per il miglioramento della definizione"),
    ("Lucca –\nAnno 2018", "Lucca – Anno 2018"),
    ("3A0102 - Riorganizzazione - Benessere organizzativo - \nMiglioramento",
     "3A0102 - Riorganizzazione - Benessere organizzativo - Miglioramento"),
    # typographic apostrophes and quotes are kept as printed (gold: COMPETITIVITA’, “ ”)
    ("Area Strategica 1: COMPETITIVITA’ DEL TERRITORIO", "Area Strategica 1: COMPETITIVITA’ DEL TERRITORIO"),
    ("“primo punto di contatto”", "“primo punto di contatto”"),
    # stray whitespace, tabs, non-breaking spaces
    ("  86.600,00        77.100,00\t ", "86.600,00 77.100,00"),
    ("Diritto\u00a0annuale", "Diritto annuale"),
    # placeholders stay, blanks become None
    ("---", "---"), ("", None), ("  \n ", None), (None, None), ("<p></p>", None),
])
def test_seed_cases(raw: str | None, expected: str | None) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    # mojibake: UTF-8 read as cp1252 / latin-1
    ("COMPETITIVITÃ€ DEL TERRITORIO", "COMPETITIVITÀ DEL TERRITORIO"),
    ("VALORIZZAZIONE DELL'IDENTITÃ\u0080 TERRITORIALE", "VALORIZZAZIONE DELL'IDENTITÀ TERRITORIALE"),
    ("nonchÃ© la qualitÃ ", "nonché la qualità"),
    # ligatures from PDF fonts
    ("uﬃcio ﬁnanziario", "ufficio finanziario"),
    # a narrow cell broke a word before its closing bracket, or a sign from its figure (gold PIRA
    # 012-004/5/3 target 2019 "... dell'imprenditore)", 032-004/1/2 result 2019 '-10,68%')
    ("cassetto digitale\ndell'imprenditore\n)", "cassetto digitale dell'imprenditore)"),
    ("-\n10,68%", "-10,68%"), ("-\n10,68\n%", "-10,68%"),
    # ... but a period alone on a line stays apart (gold Relazione: 'Mu.Sa .' wraps at its space)
    ("Mu.Sa\n.", "Mu.Sa ."),
    # ... but a dash ending a line of words stays a dash between words
    ("2017 -\n2019", "2017 - 2019"),
    # soft hyphens: at a line end they split a word, inside a line they are invisible
    ("infor\u00ad\nmazione economica", "informazione economica"),
    ("Commer\u00adcio", "Commercio"),
    # zero-width characters and BOM
    ("\ufeffPIRA\u200b 2019", "PIRA 2019"),
    # HTML entities
    ("l&#39;ente &amp; le imprese", "l'ente & le imprese"),
    ("<br/>Proventi<BR>correnti", "Proventi correnti"),
    # text that only looks like markup is kept: it carries meaning
    ("valore a<b e c>d", "valore a<b e c>d"),
    ("scostamento < 10% e > 5%", "scostamento < 10% e > 5%"),
    # Italian typesetting skips ftfy (nothing to repair), but not what ftfy would change in it: an
    # entity of a tag, a lone CR line break, a terminal escape, mojibake beside accented letters
    ("&lt;p&gt;Proventi correnti", "Proventi correnti"),
    ("ANAGRAFICO-\rCERTIFICATIVO", "ANAGRAFICO-CERTIFICATIVO"),
    ("Oneri\x1b[1m correnti", "Oneri correnti"),
    ("Attività già svolte: qualitÃ  ‘alta’", "Attività già svolte: qualità ‘alta’"),
    ("Unità di misura – € “percentuale” …", "Unità di misura – € “percentuale” …"),
    # a Word bullet (Symbol font, private use) stays as printed, and mojibake beside one is repaired
    ("\uf0b7 Attività già svolte", "\uf0b7 Attività già svolte"),
    ("\uf0b7 qualitÃ  alta", "\uf0b7 qualità alta"),
])
def test_damaged_variants(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@pytest.mark.parametrize("printed", [
    # what Tesseract made of the '---' cells of the bundled scan (pages 4, 5, 11, 12, 14)
    "—", "--", "_", "-—", "-—-", "-", "- - -", "---",
])
def test_a_lone_dash_run_is_the_dash_placeholder(printed: str) -> None:
    assert dash_placeholder(printed) == "---"


@pytest.mark.parametrize("printed", [None, "", "-3,05%", "- 3%", "-avvio e sviluppo d'impresa", "a - b", "se", "22"])
def test_anything_beside_the_dashes_is_not_a_placeholder(printed: str | None) -> None:
    assert dash_placeholder(printed) is None


@pytest.mark.parametrize("ocr, expected", [
    # Tesseract on the bundled scan (pages 5, 6, 8, 10, 13) against the gold
    ("efficacia .", "efficacia"),
    ("Monitoraggio sull'efficacia delle azioni formative verso l'utenza .",
     "Monitoraggio sull'efficacia delle azioni formative verso l'utenza"),
    ("—La Camera e Lucca In Tec attivano", "La Camera e Lucca In Tec attivano"),
    ("tempo medio di lavorazione delle pratiche —dalla data di arrivo", "tempo medio di lavorazione delle pratiche dalla data di arrivo"),
    ("| risultati ottenuti presentano un andamento crescente", "I risultati ottenuti presentano un andamento crescente"),
    ("degli esperti esterni. | servizi da revisionare sono", "degli esperti esterni. I servizi da revisionare sono"),
    # Tesseract on the unruled Relazione rendition's scan (pages 6, 11, 13)
    ("Economicità dei Servizi Amministrativi-Anagrafici .", "Economicità dei Servizi Amministrativi-Anagrafici"),
    ("; N.C.", "N.C."),
    ("3F.", "3F"),
])
def test_ocr_noise_at_the_ends_of_a_cell_is_repaired(ocr: str, expected: str) -> None:
    assert repair_ocr_text(ocr) == expected


@pytest.mark.parametrize("printed", [
    # gold L304-ish: a spaced period inside a sentence is printed so
    "Pratiche che subiscono una sospensione 26,22% . Tempo medio sospensione in diminuzione: 2,1%.",
    "LA COMUNICAZIONE DIGITALE E LA SUA STRATEGIA – L'Ente camerale",
    "-avvio e sviluppo d'impresa", "-3,05%", "---", "Normale.", "ORIENTARE |PROGETTO 3B0101)", None, "",
    "N.C.", "2019.", "100,0.", "Annuale.", "(PROGETTO 2C0101).", "... segue",
    # the unruled Relazione rendition prints the abbreviation's period apart (gold: '2E0103 - Mu.Sa .')
    "Mu.Sa .",
])
def test_printed_text_is_left_alone(printed: str | None) -> None:
    assert repair_ocr_text(printed) is None
