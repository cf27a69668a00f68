"""The explorer page opened in a real browser: Debian's Chromium driven by Playwright.

Every page is opened from file:// with the browser context offline and every request other
than the page itself blocked and recorded; each test ends by asserting that no request left
the page, no console error was logged and no dialog opened.

These tests never skip: without Chromium (``apt-get install chromium chromium-driver``, which
.ci/run does) they fail. ``KG_CHROMIUM`` names another Chromium binary.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from test_viz import PAYLOADS, injection_graph

from kg import viz

CHROMIUM = os.environ.get("KG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

# Where a person's node is drawn, in page coordinates, and whether it is in the view.
NODE_AT = """(label) => {
  const net = window.kgNetwork, box = document.getElementById('net').getBoundingClientRect();
  const node = net.body.data.nodes.get().find(n => n.label === label);
  if (!node) return null;
  const d = net.canvasToDOM(net.getPositions([node.id])[node.id]);
  return {id: node.id, x: box.left + d.x, y: box.top + d.y,
          inView: d.x >= 0 && d.y >= 0 && d.x <= box.width && d.y <= box.height};
}"""
EDGE_AT = """(pair) => {
  const net = window.kgNetwork, box = document.getElementById('net').getBoundingClientRect();
  const ids = pair.map(l => net.body.data.nodes.get().find(n => n.label === l).id);
  const pos = net.getPositions(ids);
  const a = net.canvasToDOM(pos[ids[0]]), b = net.canvasToDOM(pos[ids[1]]);
  return {x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2};
}"""


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium and chromium-driver "
                    "(apt-get install -y chromium chromium-driver fonts-noto-cjk), or set "
                    "KG_CHROMIUM. The browser tests never skip.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class Watch:
    """What a page tried to do besides showing itself."""

    page_url: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside == [], f"requests left the page: {self.outside}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"


def open_page(browser, html: Path):
    """Open ``html`` from file:// offline, every other request blocked and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True,
                                  service_workers="block")
    context.set_default_timeout(10_000)
    page = context.new_page()
    watch = Watch(html.resolve().as_uri())

    def route(r):
        if r.request.url == watch.page_url:
            r.continue_()
        else:
            watch.outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.errors.append(f"uncaught: {e}"))
    page.on("dialog", lambda d: (watch.dialogs.append(d.message), d.dismiss()))
    page.goto(watch.page_url)
    page.wait_for_selector("body[data-ready]", state="attached", timeout=30_000)
    return page, watch


def search(page, text: str) -> list[str]:
    """Type into the search box; the names the result list offers."""
    page.fill("#search", "")
    page.type("#search", text)
    page.wait_for_selector("#results li")
    return [s.inner_text() for s in page.query_selector_all("#results li .name")]


def test_seed_graph_in_the_browser(browser, seeds_build, tmp_path):
    page, watch = open_page(browser, seeds_build / "graph.html")
    try:
        # The three persons of the seed pages are drawn, inside the view.
        for name in ["苏林", "潘文江", "河野克俊"]:
            at = page.evaluate(NODE_AT, name)
            assert at is not None, f"{name} is not in the graph"
            assert at["inView"], f"{name} is drawn outside the view"
        assert re.match(r"\d+ persons · \d+ meetings", page.inner_text("#counts"))

        # Search by name, choose with Enter: the side panel shows the person.
        assert "河野克俊" in search(page, "河野")
        page.keyboard.press("Enter")
        assert page.inner_text("#panel h2") == "河野克俊"

        # Click a node on the canvas: its meetings, in time order, in the side panel.
        page.fill("#search", "")
        page.keyboard.press("Escape")
        at = page.evaluate(NODE_AT, "苏林")
        page.mouse.click(at["x"], at["y"])
        page.wait_for_selector("#meetings")
        assert page.inner_text("#panel h2") == "苏林"
        items = page.query_selector_all("#meetings > li")
        assert len(items) >= 2
        # Time order; a date whose year is unknown (shown ????-MM-DD) comes first.
        dates = [li.query_selector(".date").inner_text().replace("????-", "--") for li in items]
        assert dates == sorted(dates)
        panel = page.inner_text("#panel")
        assert "通伦·西苏里" in panel and "Source:" in panel
        evidence = [q.inner_text() for q in page.query_selector_all("#meetings q.ev")]
        assert evidence and all("苏林" in s for s in evidence)

        # It and its partners are in the spotlight, the others veiled.
        spot = page.evaluate("() => window.kgExplorer.spotlight()")
        assert spot[0] == "苏林" and "通伦·西苏里" in spot and "河野克俊" not in spot

        # Hover a node: a tooltip with every name, the country, the number of meetings.
        page.mouse.move(5, 5)  # off the node first: a click hides the tooltip
        page.mouse.move(at["x"] + 1, at["y"] + 1, steps=5)
        page.wait_for_selector("#tip:not([hidden])")
        tip = page.inner_text("#tip")
        assert "苏林" in tip and "越南" in tip and "Meetings:" in tip

        shot = tmp_path / "seeds.png"
        page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        watch.assert_clean()
    finally:
        page.context.close()


def test_filters_in_the_browser(browser, seeds_build):
    page, watch = open_page(browser, seeds_build / "graph.html")
    try:
        total = page.evaluate("() => window.kgNetwork.body.data.nodes.get()"
                              ".filter(n => !n.hidden).length")
        # Country filter: only 越南 left.
        page.click("#none")
        page.check("#countries li:has-text('越南') input")
        shown = page.evaluate("() => window.kgNetwork.body.data.nodes.get()"
                              ".filter(n => !n.hidden).map(n => n.label)")
        assert "苏林" in shown and "河野克俊" not in shown and len(shown) < total
        # Date filter: a range no meeting falls in hides everyone.
        page.click("#all")
        page.uncheck("#undated")
        page.fill("#from", "1990")
        page.fill("#to", "1991-06")
        page.press("#to", "Enter")
        page.dispatch_event("#to", "change")
        assert page.inner_text("#counts").startswith("0 persons")
        page.fill("#from", "not a date")
        page.dispatch_event("#from", "change")
        assert "bad" in page.get_attribute("#from", "class")
        page.click("#reset")
        assert page.evaluate("() => window.kgNetwork.body.data.nodes.get()"
                             ".filter(n => !n.hidden).length") == total
        # Visits as person-to-country edges.
        page.check("#visits")
        assert page.evaluate("() => window.kgNetwork.body.data.edges.get()"
                             ".filter(e => String(e.id).startsWith('v')).length") >= 1
        watch.assert_clean()
    finally:
        page.context.close()


def test_empty_graph_opens_cleanly(browser, tmp_path):
    from rdflib import Graph

    page, watch = open_page(browser, viz.write_html(Graph(), tmp_path / "empty.html"))
    try:
        assert page.inner_text("#counts") == "0 persons · 0 meetings"
        assert search(page, "苏林") == []  # "No person matches"
        watch.assert_clean()
    finally:
        page.context.close()


@pytest.mark.parametrize("csp", [True, False], ids=["with-csp", "escaping-alone"])
def test_injection_stays_text(browser, tmp_path, csp):
    html = viz.write_html(injection_graph(), tmp_path / "evil.html", title=PAYLOADS["img"],
                          show_visits=True)
    if not csp:  # prove the escaping holds by itself, without the policy's help
        text = html.read_text(encoding="utf-8")
        text, n = re.subn(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
        assert n == 1
        html.write_text(text, encoding="utf-8")
    page, watch = open_page(browser, html)
    evil = "苏林" + PAYLOADS["img"]
    try:
        assert page.inner_text("#heading") == PAYLOADS["img"]
        # Search by the alias that is itself a script tag.
        assert search(page, "<script>") == [evil]
        page.keyboard.press("Enter")
        panel = page.inner_text("#panel")
        assert page.inner_text("#panel h2") == evil
        for payload in ("script", "amp", "comment", "close", "quotes"):
            assert PAYLOADS[payload].replace("\u2028", "").replace("\u2029", "")[:20] in \
                panel.replace("\u2028", "").replace("\u2029", ""), payload
        assert "javascript:" not in str(page.eval_on_selector_all(
            "a", "as => as.map(a => a.getAttribute('href'))"))
        hrefs = page.eval_on_selector_all("#panel a", "as => as.map(a => a.href)")
        assert hrefs == ["https://example.org/a?x=1&y=%3C2%3E"] * len(hrefs) and hrefs

        # Tooltips: node, meeting edge, visit edge.
        at = page.evaluate(NODE_AT, evil)
        page.mouse.move(at["x"], at["y"], steps=5)
        page.wait_for_selector("#tip:not([hidden])")
        assert evil in page.inner_text("#tip")
        page.mouse.move(5, 5)
        mid = page.evaluate(EDGE_AT, [evil, "洪森"])
        page.mouse.move(mid["x"], mid["y"], steps=5)
        page.wait_for_selector("#tip:not([hidden])")
        assert PAYLOADS["close"] in page.inner_text("#tip")
        page.mouse.click(mid["x"], mid["y"])
        assert PAYLOADS["img"] in page.inner_text("#panel")

        # Nothing became markup, nothing ran.
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        counts = page.evaluate("""() => ({
            scripts: document.scripts.length,
            active: document.querySelectorAll('img, svg, iframe, object, embed, link').length,
            handlers: [...document.querySelectorAll('*')].filter(
                e => [...e.attributes].some(a => a.name.startsWith('on'))).length})""")
        assert counts == {"scripts": 3, "active": 0, "handlers": 0}
        watch.assert_clean()
    finally:
        page.context.close()
