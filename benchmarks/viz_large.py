"""How fast the explorer is on a large graph: 5,000 persons and 15,000 meetings by default.

Writes a synthetic graph in the documented shape (DEVELOPERS.md, "The graph": persons with
Chinese and English labels, aliases, countries and posts; meetings with dates, places, evidence
and articles; visits), builds its graph.html with ``kg.viz.write_html`` and opens it in
headless Chromium (Debian's /usr/bin/chromium through Playwright) from file:// with every
request outside the file blocked. Prints the Python-side times, the page size, and the
load-to-stable time: from the start of navigation to the first frame vis-network draws with
the layout final (the explorer starts with physics off, on positions computed ahead), then the
time a search-and-click takes. Figures are printed, never asserted.

usage: python benchmarks/viz_large.py [--persons 5000] [--meetings 15000] [--runs 3]
                                      [--keep DIR] [--chromium /usr/bin/chromium]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg import viz  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

SURNAMES = "阮陈黎范黄潘武吴邓苏洪岩河通占吉梁坎旺王李张刘杨赵周孙朱"
GIVEN = "文明春国庆克俊林森毅伦光龙勇成江海山德志华平安东南北"
COUNTRIES = [("VN", "越南", "Vietnam"), ("LA", "老挝", "Laos"), ("KH", "柬埔寨", "Cambodia"),
             ("JP", "日本", "Japan"), ("US", "美国", "United States"), ("CN", "中国", "China"),
             ("TH", "泰国", "Thailand"), ("MY", "马来西亚", "Malaysia"),
             ("SG", "新加坡", "Singapore"),
             ("ID", "印度尼西亚", "Indonesia"), ("PH", "菲律宾", "Philippines"),
             ("MM", "缅甸", "Myanmar"), ("IN", "印度", "India"), ("KR", "韩国", "South Korea"),
             ("RU", "俄罗斯", "Russia"), ("FR", "法国", "France"), ("DE", "德国", "Germany"),
             ("GB", "英国", "United Kingdom"), ("AU", "澳大利亚", "Australia"),
             ("CA", "加拿大", "Canada"), ("MN", "蒙古", "Mongolia"),
             ("DZ", "阿尔及利亚", "Algeria"),
             ("CU", "古巴", "Cuba"), ("BR", "巴西", "Brazil"), ("EG", "埃及", "Egypt")]
POSTS = ["总书记", "国家主席", "政府总理", "国防部长", "外交部长", "总参谋长", "国会主席", "大使"]


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_graph(path: Path, persons: int, meetings: int, seed: int = 1) -> None:
    """A Turtle file with ``persons`` persons and ``meetings`` meetings (heavy-tailed degrees)."""
    rnd = random.Random(seed)
    lines = ["@prefix dip: <https://w3id.org/dipkg/ontology#> .",
             "@prefix dipr: <https://w3id.org/dipkg/resource/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
             "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
             "@prefix dcterms: <http://purl.org/dc/terms/> .",
             "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> ."]
    for iso, zh, en in COUNTRIES:
        lines.append(f"<https://w3id.org/dipkg/resource/country/{iso}> a dip:Country ; "
                     f"rdfs:label {q(zh)}@zh, {q(en)}@en ; dip:isoCode {q(iso)} .")
    names = set()
    people = []
    weights = [1.0 / (i + 1) ** 0.8 for i in range(len(COUNTRIES))]
    while len(people) < persons:
        name = rnd.choice(SURNAMES) + "".join(rnd.choices(GIVEN, k=rnd.choice([1, 2, 2, 3])))
        if name in names:
            name += "·" + "".join(rnd.choices(GIVEN, k=2))
        if name in names:
            continue
        names.add(name)
        iso = rnd.choices(COUNTRIES, weights)[0][0]
        people.append((name, iso))
    for i, (name, iso) in enumerate(people):
        iri = f"<https://w3id.org/dipkg/resource/person/p{i}>"
        lines.append(f"{iri} a dip:Person ; rdfs:label {q(name)}@zh, {q(f'Person {i}')}@en ; "
                     f"skos:altLabel {q(name[:2] + '某')}@zh ; "
                     f"dip:country <https://w3id.org/dipkg/resource/country/{iso}> ; "
                     f"dip:holdsPost <https://w3id.org/dipkg/resource/holding/h{i}> .")
        lines.append(f"<https://w3id.org/dipkg/resource/holding/h{i}> a dip:PostHolding ; "
                     f"dip:postTitle {q(rnd.choice(POSTS))}@zh ; "
                     f'dip:asOf "20{rnd.randint(15, 26)}-0{rnd.randint(1, 9)}-1{rnd.randint(0, 9)}"'
                     "^^xsd:date .")
    articles = max(1, meetings // 3)
    for a in range(articles):
        lines.append(f"<https://w3id.org/dipkg/resource/article/a{a}> a dip:Article ; "
                     f'dip:sourceFile "p{a % 500}.txt" ; dcterms:title {q(f"第{a}号新闻")}@zh ; '
                     f'dip:url "https://example.org/news/{a}.html" .')
    pw = [1.0 / (i + 1) ** 0.75 for i in range(persons)]
    idx = list(range(persons))
    for m in range(meetings):
        a, b = rnd.choices(idx, pw, k=2)
        while b == a:
            b = rnd.choice(idx)
        year = rnd.choice(["2019", "2023", "2024", "2025", "2026", None])
        day = f"{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        date = (f'"{year}-{day}"^^xsd:date' if year else f'"--{day}"^^xsd:gMonthDay')
        ev = f"{people[a][0]}在河内会见了{people[b][0]},双方就两国关系交换意见。"
        lines.append(f"<https://w3id.org/dipkg/resource/meeting/m{m}> a dip:Meeting ; "
                     f"dip:participant <https://w3id.org/dipkg/resource/person/p{a}>, "
                     f"<https://w3id.org/dipkg/resource/person/p{b}> ; dip:startDate {date} ; "
                     f"dip:evidence {q(ev)}@zh ; "
                     f"dip:reportedIn <https://w3id.org/dipkg/resource/article/a{m % articles}> .")
    for v in range(persons // 5):
        who = rnd.choices(idx, pw)[0]
        iso = rnd.choice(COUNTRIES)[0]
        lines.append(f"<https://w3id.org/dipkg/resource/visit/v{v}> a dip:Visit ; "
                     f"dip:visitor <https://w3id.org/dipkg/resource/person/p{who}> ; "
                     f"dip:destination <https://w3id.org/dipkg/resource/country/{iso}> ; "
                     f'dip:visitKind "正式访问"@zh ; '
                     f'dip:startDate "2025-03-0{v % 9 + 1}"^^xsd:date .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# In-page timings, each until vis-network has drawn the resulting frame.
INTERACT = """async () => {
  const net = window.kgNetwork, ui = window.kgExplorer, out = {};
  const frame = () => new Promise(r => net.once('afterDrawing', r));
  const time = async (name, act) => {
    const t = performance.now(), f = frame(); act(); net.redraw(); await f;
    out[name] = (performance.now() - t) / 1000;
  };
  const click = id => () => document.getElementById(id).click();
  const set = (id, v) => () => { const e = document.getElementById(id); e.value = v;
                                 e.dispatchEvent(new Event('change')); };
  await time('select a person (spotlight + panel)', () => ui.selectPerson(0, true));
  await time('country filter: none', click('none'));
  await time('country filter: one country', () => {
    const cb = document.querySelector('#countries input'); cb.checked = true;
    cb.dispatchEvent(new Event('change')); });
  await time('country filter: all', click('all'));
  await time('date filter: from 2025', set('from', '2025'));
  await time('date filter: cleared', set('from', ''));
  await time('visits shown', click('visits'));
  return out;
}"""


def measure(html: Path, chromium: str, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        loads, clicks = [], []
        for run in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            outside: list[str] = []
            errors: list[str] = []
            page.on("console", lambda m, e=errors: e.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda err, e=errors: e.append(str(err)))

            def route(r, outside=outside):
                if r.request.url == html.as_uri():
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            page.goto(html.as_uri(), wait_until="commit")
            page.wait_for_selector("body[data-ready]", state="attached", timeout=120_000)
            ready = page.evaluate("window.kgReady")  # ms since navigation start
            loads.append(ready / 1000)
            t0 = time.perf_counter()
            page.fill("#search", "Person 4321")
            page.keyboard.press("Enter")
            page.wait_for_selector("#meetings")
            clicks.append(time.perf_counter() - t0)
            if run == 0:
                page.screenshot(path=str(html.with_suffix(".png")))
                for name, seconds in page.evaluate(INTERACT).items():
                    print(f"  {name}: {seconds:.2f} s")
            print(f"  run {run + 1}: load-to-stable {ready / 1000:.2f} s, "
                  f"search+select {clicks[-1]:.2f} s, requests outside the page "
                  f"{len(outside)}, console errors {len(errors)}")
            page.close()
        browser.close()
    print(f"load-to-stable: median {statistics.median(loads):.2f} s, max {max(loads):.2f} s "
          f"over {runs} runs")
    print(f"search + select + side panel: median {statistics.median(clicks):.2f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--persons", type=int, default=5000)
    ap.add_argument("--meetings", type=int, default=15000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, default=None, help="write the files here and keep them")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    a = ap.parse_args()
    folder = a.keep or Path(tempfile.mkdtemp(prefix="viz-large-"))
    folder.mkdir(parents=True, exist_ok=True)
    ttl, html = folder / "graph.ttl", folder / "graph.html"
    t = time.perf_counter()
    make_graph(ttl, a.persons, a.meetings)
    print(f"graph: {a.persons} persons, {a.meetings} meetings, {ttl.stat().st_size / 1e6:.1f} MB "
          f"Turtle ({time.perf_counter() - t:.1f} s to make)")
    t0 = time.perf_counter()
    data = viz.load_data(ttl)
    t1 = time.perf_counter()
    page = viz.render_html(data)
    t2 = time.perf_counter()
    html.write_text(page, encoding="utf-8")
    print(f"python: load_data {t1 - t0:.2f} s, layout + render {t2 - t1:.2f} s, "
          f"page {len(page.encode()) / 1e6:.1f} MB ({len(data.persons)} persons, "
          f"{len(data.meetings)} meetings)")
    busiest = data.persons[0].label
    for focus in [viz.Focus(person=busiest, hops=1), viz.Focus(person=busiest, hops=2),
                  viz.Focus(countries=("VN",)), viz.Focus(date_from="2025"),
                  viz.Focus(min_meetings=10)]:
        t = time.perf_counter()
        part = viz.apply_focus(data, focus)
        viz.render_html(part)
        options = {k: v for k, v in vars(focus).items() if v and k != "hops"} | (
            {"hops": focus.hops} if focus.person else {})
        print(f"  focus {options}: {len(part.persons)} persons, {len(part.meetings)} "
              f"meetings, focus + layout + render {time.perf_counter() - t:.2f} s")
    measure(html, a.chromium, a.runs)
    print(f"files in {folder}")


if __name__ == "__main__":
    main()
