"""The HTML audit pages, opened in a real headless browser (Debian's chromium driven by Playwright).

The reports are made from real runs: the shared dataset against a copy with hand-made edits
(one of them hostile markup), and the born-digital PIRA against its scan.  The browser must
load them with no console error and no request but the file itself; a filter click changes
the visible rows; crops of the page regions are visible images once their row is on screen
(they are decoded lazily, not at load).
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from camerale.cli import app
from camerale.compare import compare
from camerale.audit_html import ROWS_AT_ONCE, diff_report

from fixtures import PIRA_PDF
from dataset_edits import doc_id_of, edit, set_values

CHROMIUM = Path("/usr/bin/chromium")
# No first-run work, no background traffic: the only request must be the report itself.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HOSTILE = "<img src=x onerror=alert(1)></script><script>alert(2)</script> [/bold]"


@pytest.fixture(scope="module")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Opened:
    """A page loaded in the browser, with what it printed on the console and what it requested."""

    def __init__(self, browser, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.console: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri(), wait_until="load")

    def visible_rows(self) -> int:
        return self.page.locator("#changes tr.change:visible").count()

    def decoded(self, crop) -> tuple[int, int]:
        """Natural size of a crop image once scrolled to and decoded (crops load as they near the screen)."""
        crop.scroll_into_view_if_needed()
        self.page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=crop.element_handle(),
                                    timeout=10_000)
        return tuple(crop.evaluate("i => [i.naturalWidth, i.naturalHeight]"))

    def assert_clean(self, path: Path) -> None:
        assert self.console == [] and self.dialogs == []
        assert [r for r in self.requests if not r.startswith("data:")] == [path.as_uri()]


@pytest.fixture
def edited(ingested: Path, tmp_path: Path) -> Path:
    """A copy of the shared dataset with hand-made edits of the born-digital PIRA."""
    later = tmp_path / "later"
    shutil.copytree(ingested, later)
    pdf = doc_id_of(later, "pdf")
    edit(later, "resources", pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "objective_seq": 1, "phase": "consuntivo", "item": "oneri_correnti"},
        amount=Decimal("831.00")))
    edit(later, "objectives", pdf, lambda rows: set_values(
        rows, {"mission_code": "011", "program_code": "005", "objective_seq": 1},
        project_codes=["1B0102"], title=HOSTILE))
    return later


def test_diff_report_in_a_browser(ingested: Path, edited: Path, tmp_path: Path, browser) -> None:
    report = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["diff", str(ingested), str(edited), "--html", str(report)])
    assert result.exit_code == 1, result.output
    html = report.read_text(encoding="utf-8")
    assert "<img src=x" not in html and "<script>alert" not in html   # escaped, never markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in html

    opened = Opened(browser, report)
    page = opened.page
    opened.assert_clean(report)
    assert opened.visible_rows() == 3     # amount, project_codes, title
    assert page.locator("#overview").inner_text().count("lucca-pira-consuntivo-2019.pdf") == 2
    # The hostile title is shown as text.
    assert HOSTILE in page.locator("#changes").inner_text()

    page.click('.chips[data-filter="table"] button[data-value="resources"]')
    assert opened.visible_rows() == 1
    row = page.locator("#changes tbody tr:visible")
    assert "813.00" in row.locator("td.old").inner_text() and "831.00" in row.locator("td.new").inner_text()
    for side in ("old", "new"):
        crop = row.locator(f"td.{side} img.crop")
        width, height = opened.decoded(crop)
        assert crop.is_visible()
        assert 20 < width < 1000 and 10 < height < 400     # a region around the value, not a page
        # Its place was kept before decoding: the size written in the page is the image's.
        assert (int(crop.get_attribute("width")), int(crop.get_attribute("height"))) == (width, height)
        assert crop.get_attribute("src").startswith("data:image/webp;base64,")
    assert "p. 4" in row.inner_text()

    # The normalizer's trail of the changed project code: printed 180101, read as 1B0101.
    page.click('.chips[data-filter="table"] button[data-value=""]')
    page.fill("#search", "project_codes")
    assert opened.visible_rows() == 1
    trail = page.locator("#changes tbody tr:visible td.old .trail").inner_text()
    assert "180101" in trail and "1B0101" in trail and "ocr_confusion+document_code" in trail and "0.95" in trail
    page.fill("#search", "")
    page.screenshot(path=str(tmp_path / "diff-report.png"), full_page=False)
    assert (tmp_path / "diff-report.png").stat().st_size > 10_000
    page.close()


def test_missing_and_moved_sources_are_said_per_value(ingested: Path, edited: Path, tmp_path: Path) -> None:
    pdf = doc_id_of(edited, "pdf")
    old = tmp_path / "old"
    shutil.copytree(ingested, old)
    edit(old, "documents", pdf, lambda rows: set_values(rows, {}, source_path=str(tmp_path / "gone.pdf")))
    moved = tmp_path / "moved.pdf"
    moved.write_bytes(PIRA_PDF.read_bytes() + b"\n% re-saved")    # same name, other bytes
    edit(edited, "documents", pdf, lambda rows: set_values(rows, {}, source_path=str(moved)))
    report = tmp_path / "report.html"
    diff_report(compare(old, edited), report)
    html = report.read_text(encoding="utf-8")
    assert html.count(f"source missing: {tmp_path / 'gone.pdf'}") >= 3      # overview + each value
    assert html.count(f"source moved or changed: {moved} is not the ingested file") >= 3
    assert "data:image/webp" not in html
    assert "813.00" in html and "831.00" in html


def test_born_digital_against_scan_report(ingested: Path, ingested_scan: Path, tmp_path: Path, browser) -> None:
    report = tmp_path / "pdf-vs-scan.html"
    comparison = compare(ingested, ingested_scan, old_docs=[doc_id_of(ingested, "pdf")])
    diff_report(comparison, report)
    assert report.stat().st_size < 20_000_000
    opened = Opened(browser, report)
    page = opened.page
    opened.assert_clean(report)
    cells = [c for c in comparison.changes if c.table == "tables"]
    printed_tables = {c.key_values[:2] for c in cells}      # (page, table_index)
    assert cells and len(printed_tables) < len(cells)     # several changed cells share a printed table
    # The report's values first, each shown; the printed tables' cells after them, one line per table,
    # folded; the counter counts every change.
    assert opened.visible_rows() == len(comparison.changes) - len(cells)
    assert page.locator("#changes tr.group:visible").count() == len(printed_tables)
    assert page.inner_text("#shown") == f"{len(comparison.changes)} of {len(comparison.changes)} changes shown"
    tables_seen = page.locator("#changes > tbody > tr.change").evaluate_all("rows => rows.map(r => r.dataset.table)")
    assert "tables" not in tables_seen and tables_seen[0] == "documents"

    # Crops are decoded as their rows near the screen, not all at load; each one scrolled to shows.
    crops = page.locator("img.crop")
    assert crops.count() >= len([c for c in comparison.changes if c.old_bbox and c.new_bbox])
    assert page.locator("img.crop[src]").count() < crops.count() / 2
    width, height = opened.decoded(page.locator("#changes > tbody > tr.change img.crop").first)
    assert width > 20 and height > 10
    group = page.locator("#changes tr.group").last
    group.locator("summary").click()
    width, height = opened.decoded(group.locator("img.crop").last)
    assert width > 20 and height > 10

    page.click('.chips[data-filter="kind"] button[data-value="added"]')
    assert opened.visible_rows() == len([c for c in comparison.changes if c.kind == "added"])
    assert page.locator("#changes tr.group:visible").count() == 0      # no printed table gained a cell
    page.click('.chips[data-filter="kind"] button[data-value=""]')
    # A search for a cell's text opens its printed table.
    cell = next(c for c in cells if isinstance(c.new, str) and len(c.new) > 12 and "\n" not in c.new[:12])
    page.fill("#search", cell.new[:12].lower())
    assert page.locator("#changes tr.group:visible details[open]").count() >= 1
    assert page.locator("#changes tr.group:visible tr.change:visible").count() >= 1
    page.screenshot(path=str(tmp_path / "pdf-vs-scan.png"))
    assert opened.console == []
    page.close()


def test_a_long_report_lays_out_its_rows_a_batch_at_a_time(ingested: Path, tmp_path: Path, browser) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    # Two different reports (converter text, so no page images): every record is added or removed.
    comparison = compare(ingested, ingested, old_docs=[doc_id_of(ingested, "text")],
                         new_docs=[doc_id_of(ingested, "text", "relazione_performance")])
    values = [c for c in comparison.changes if c.table != "tables"]
    assert len(values) > 2 * ROWS_AT_ONCE
    report = tmp_path / "long.html"
    diff_report(comparison, report)
    opened = Opened(browser, report)
    page = opened.page
    opened.assert_clean(report)
    assert opened.visible_rows() == ROWS_AT_ONCE
    assert page.inner_text("#shown") == f"{len(comparison.changes)} of {len(comparison.changes)} changes shown"
    more = page.locator("#more")
    assert more.locator(".count").inner_text() == str(len(values) - ROWS_AT_ONCE)
    # Scrolling to the end of the list lays out the next batch; the button does the same.
    more.scroll_into_view_if_needed()
    page.wait_for_function(f"document.querySelectorAll('#changes tr.change:not([hidden])').length > {ROWS_AT_ONCE}")
    while more.is_visible():
        try:
            more.locator("button").click(timeout=5000)
        except PlaywrightTimeout:
            # Scrolling laid out the last batch between the check and the click: the button went with it.
            assert not more.is_visible()
    assert opened.visible_rows() == len(values)
    # The search reaches every change, laid out or not: the last one is found from a fresh filter.
    page.evaluate("scrollTo(0, 0)")
    page.click('.chips[data-filter="table"] button[data-value=""]')
    assert opened.visible_rows() == ROWS_AT_ONCE
    last = values[-1]
    page.fill("#search", last.key.lower())
    rows = page.locator("#changes tr.change:visible")
    assert rows.count() >= 1 and all(last.key in t for t in rows.all_inner_texts())
    assert not more.is_visible()
    assert opened.console == []
    page.close()


def test_show_boxes_every_value_on_its_page(ingested: Path, tmp_path: Path, browser) -> None:
    view = tmp_path / "show.html"
    result = CliRunner().invoke(app, ["show", str(PIRA_PDF), "--dataset", str(ingested), "--html", str(view)])
    assert result.exit_code == 0, result.output
    opened = Opened(browser, view)
    opened.assert_clean(view)
    page = opened.page
    assert page.locator("section[id^=page-]").count() == 25
    # The cover prints no value; page 4 prints the first objective, its resources and indicators.
    assert "No extracted value on this page." in page.locator("#page-1").inner_text()
    page4 = page.locator("#page-4")
    labels = page4.locator(".box span").all_inner_texts()
    assert "objectives.title" in labels and "resources.amount_text" in labels
    assert "normalized objectives.project_codes" in labels
    assert page4.locator(".box.normalized").get_attribute("title").startswith(
        "objectives.project_codes: printed 180101 → 1B0101")
    assert page4.locator(".box.value").first.is_visible()
    page.uncheck('input[data-layer="values"]')
    assert not page4.locator(".box.value").first.is_visible()
    page.screenshot(path=str(tmp_path / "show.png"))
    page.close()

    # By doc_id and one page; a doc_id that is not one is an error of one line.
    doc_id = doc_id_of(ingested, "pdf")
    one = tmp_path / "page4.html"
    result = CliRunner().invoke(app, ["show", doc_id, "--dataset", str(ingested), "--html", str(one), "--page", "4"])
    assert result.exit_code == 0 and one.read_text(encoding="utf-8").count('<section id="page-') == 1
    result = CliRunner().invoke(app, ["show", "../../x", "--dataset", str(ingested), "--html", str(one)])
    assert (result.exit_code, result.stderr.strip()) == (
        2, "camerale: ../../x: neither a doc_id (64 hex digits) nor a file")
