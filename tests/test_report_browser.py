"""The review page in a real browser: Debian's chromium + chromium-driver, driven headless by Selenium.

Skipped with the reason when chromium is missing, except in CI (``CI`` set), where it must run
(``scripts/setup.sh`` installs both packages). ``VNTASKS_SCREENSHOT=docs/report.png`` also saves
the screenshot the README shows.
"""
import os
import shutil
import time
from pathlib import Path

import pytest

from pipeline.learn.classifier import use_classifier
from pipeline.cli import main
from pipeline.out.export import read_tables
from pipeline.out.report import MAX_PAGE_BYTES, load_texts, render_html, report_data

from .test_report import replicate

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def _missing() -> str:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    if not CHROMIUM or not CHROMEDRIVER:
        return "chromium or chromedriver not found (apt-get install chromium chromium-driver, or bash scripts/setup.sh as root)"
    return ""


@pytest.fixture(scope="module")
def browser():
    why = _missing()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"browser test must run in CI: {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1500,950",
              "--lang=vi", "--no-first-run", "--disable-extensions"):
        opts.add_argument(a)
    drv = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(30)
    yield drv
    drv.quit()


@pytest.fixture(scope="module")
def seed_report(seed_dir, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report_browser")
    with use_classifier(None):
        assert main(["extract", str(seed_dir), "--out", str(tmp / "out"), "-q"]) == 0
    assert main(["report", str(tmp / "out"), "--html", str(tmp / "report.html"), "--title", "vntasks review — seeds", "-q"]) == 0
    return tmp


def _wait(drv, js, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        v = drv.execute_script(js)
        if v:
            return v
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for: {js}")


def _ready(drv, doc_id):
    _wait(drv, f"return document.body.dataset.ready === {doc_id!r}")


RECT_IN_VIEW = """
const el = arguments[0], pane = document.getElementById('textpane').getBoundingClientRect();
const r = el.getBoundingClientRect();
return [r.top, r.bottom, pane.top, pane.bottom, window.innerHeight,
        r.top >= pane.top && r.bottom <= pane.bottom && r.top >= 0 && r.bottom <= window.innerHeight];
"""


def test_seed_report_in_chromium(browser, seed_report, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    drv = browser
    tasks = read_tables(seed_report / "out")["tasks"]
    drv.get((seed_report / "report.html").as_uri() + "#000_0aba8204a976d128.txt")
    _ready(drv, "000_0aba8204a976d128.txt")
    assert drv.find_element(By.ID, "f-count").text == "2 of 2 documents"
    assert drv.execute_script("return window.__vnErrors || []") == []
    # every task of the document has its span and its id badge; the other kinds are there too
    keys = drv.execute_script("""
        const ks = new Set();
        document.querySelectorAll('#doctext .s.k-task').forEach(e => e.dataset.k.split(' ')
            .filter(k => k[0] === 't').forEach(k => ks.add(k)));
        return [...ks];""")
    n = int((tasks.doc_id == "000_0aba8204a976d128.txt").sum())
    assert len(keys) == n == 18
    assert len(drv.find_elements(By.CSS_SELECTOR, "#doctext .tid")) == n
    for kind in ("claim", "ref", "time"):
        assert drv.find_elements(By.CSS_SELECTOR, f"#doctext .s.k-{kind}"), kind
    # the table beside the text: clicking the last task scrolls its span into view and flashes it
    rows = drv.find_elements(By.CSS_SELECTOR, "#tablewrap tbody tr")
    assert len(rows) == n
    key = rows[-1].get_attribute("data-k")
    span = drv.find_element(By.CSS_SELECTOR, f'#doctext .s[data-k~="{key}"]')
    assert not drv.execute_script(RECT_IN_VIEW, span)[-1], "the last task should start out of view"
    rows[-1].click()
    assert "flash" in span.get_attribute("class")
    top, bottom, ptop, pbottom, vh, inside = drv.execute_script(RECT_IN_VIEW, span)
    assert inside, (top, bottom, ptop, pbottom, vh)
    assert "sel" in rows[-1].get_attribute("class")
    # the keyboard does the same: Enter on the first row brings the first task back into view
    from selenium.webdriver.common.keys import Keys
    first = drv.find_element(By.CSS_SELECTOR, f'#doctext .s[data-k~="{rows[0].get_attribute("data-k")}"]')
    assert not drv.execute_script(RECT_IN_VIEW, first)[-1]
    rows[0].send_keys(Keys.ENTER)
    assert drv.execute_script(RECT_IN_VIEW, first)[-1]
    rows[-1].click()
    # hovering shows the parsed fields: a reference's id/type/issuer, a time's TIMEX value, a task's deadline source
    tip = drv.find_element(By.ID, "tip")
    ref = drv.find_element(By.CSS_SELECTOR, '#doctext .s.k-ref[data-k~="r0"]')
    drv.execute_script("arguments[0].scrollIntoView({block: 'center'})", ref)
    ActionChains(drv).move_to_element(ref).perform()
    _wait(drv, "return !document.getElementById('tip').hidden")
    assert "Reference 14/2019/QĐ-TTg" in tip.text and "Quyết định" in tip.text and "Thủ tướng Chính phủ" in tip.text
    assert "Task T3.2" in tip.text and "deadline: 2024 (from document" in tip.text
    tm = drv.find_element(By.CSS_SELECTOR, "#doctext .s.k-time")
    ActionChains(drv).move_to_element(tm).perform()
    _wait(drv, "return document.getElementById('tip').textContent.includes('TIMEX value')")
    ActionChains(drv).move_to_element(ref).perform()
    _wait(drv, "return document.getElementById('tip').textContent.includes('14/2019')")
    time.sleep(1.6)                          # let the flash end before the picture
    shot = tmp_path / "report.png"
    assert drv.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    if os.environ.get("VNTASKS_SCREENSHOT"):
        Path(os.environ["VNTASKS_SCREENSHOT"]).write_bytes(shot.read_bytes())
    # filters: the mismatched claim's document only, its claims tab showing that claim
    ActionChains(drv).move_by_offset(0, 0).perform()
    drv.execute_script("const s = document.getElementById('f-tag'); s.value = 'claim: mismatch';"
                       "s.dispatchEvent(new Event('change'))")
    assert drv.find_element(By.ID, "f-count").text == "1 of 2 documents"
    assert drv.find_element(By.CSS_SELECTOR, ".tabs button.on").text.startswith("Claims")
    assert len(drv.find_elements(By.CSS_SELECTOR, "#tablewrap tbody tr")) == 1
    assert drv.find_elements(By.CSS_SELECTOR, "#doctext .s.k-claim.tagged")
    drv.execute_script("const s = document.getElementById('f-tag'); s.value = '';"
                       "s.dispatchEvent(new Event('change'))")
    # the other document opens from the list, rendered only now
    drv.find_element(By.CSS_SELECTOR, '#docs li[data-i="1"]').click()
    _ready(drv, "003_7e5a56785a403bdd.txt")
    assert len(drv.find_elements(By.CSS_SELECTOR, "#doctext .tid")) == int((tasks.doc_id == "003_7e5a56785a403bdd.txt").sum())
    drv.execute_script("const s = document.getElementById('f-status'); s.value = 'error';"
                       "s.dispatchEvent(new Event('change'))")
    assert drv.find_element(By.ID, "f-count").text == "0 of 2 documents"


def test_thousand_documents_open_fast(browser, seed_report, tmp_path):
    from selenium.webdriver.common.by import By
    dfs = read_tables(seed_report / "out")
    texts, notes = load_texts(dfs["documents"])
    big, big_texts = replicate(dfs, texts, 1000)
    page = tmp_path / "big.html"
    page.write_text(render_html(*report_data(big, big_texts, notes)), "utf-8")
    assert page.stat().st_size < MAX_PAGE_BYTES
    t0 = time.monotonic()
    browser.get(page.as_uri())
    _ready(browser, "0000_000_0aba8204a976d128.txt")
    assert time.monotonic() - t0 < 10
    items = browser.find_elements(By.CSS_SELECTOR, "#docs li")
    assert len(items) == 1000
    # only the open document is rendered
    assert browser.execute_script("return document.querySelectorAll('#doctext .tid').length") == 18
    t0 = time.monotonic()
    items[-1].click()
    _ready(browser, "0999_003_7e5a56785a403bdd.txt")
    assert time.monotonic() - t0 < 3
    assert browser.execute_script("return document.querySelectorAll('#doctext .tid').length") == 12
