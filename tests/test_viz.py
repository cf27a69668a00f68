"""kg.viz: reading the graph, focus, layout, the page's escaping, pictures, and `kg viz`.

The browser tests (the page really opened in Chromium) are in test_viz_browser.py.
"""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, SKOS

from kg import viz
from kg.cli import main
from kg.vocab import DIP, DIPR, country_iri, person_iri

DATA = Path(__file__).resolve().parent / "data"
SMALL = DATA / "viz_small.ttl"

# Untrusted text as an article could carry it.
PAYLOADS = {
    "img": '<img src=x onerror="window.__pwned=1">',
    "script": "<script>window.__pwned=2</script>",
    "close": "</script><script>window.__pwned=3</script>",
    "quotes": "\"'><svg onload=window.__pwned=4>",
    "comment": "<!--<script>window.__pwned=5</script>-->",
    "amp": "&lt;b&gt; & \u2028 \u2029 {{DATA}}",
}


def injection_graph() -> Graph:
    """A graph whose every name, sentence, title and URL carries markup or script."""
    g = Graph()
    vn, xx = country_iri("VN"), country_iri("XX")
    g.add((vn, RDF.type, DIP.Country))
    g.add((vn, RDFS.label, Literal("越南", lang="zh")))
    g.add((xx, RDF.type, DIP.Country))
    g.add((xx, RDFS.label, Literal("国" + PAYLOADS["quotes"], lang="zh")))
    evil = person_iri("evil")
    g.add((evil, RDF.type, DIP.Person))
    g.add((evil, RDFS.label, Literal("苏林" + PAYLOADS["img"], lang="zh")))
    g.add((evil, SKOS.altLabel, Literal(PAYLOADS["script"], lang="zh")))
    g.add((evil, SKOS.altLabel, Literal(PAYLOADS["amp"], lang="zh")))
    g.add((evil, DIP.country, xx))
    hold = DIPR["holding/h1"]
    g.add((evil, DIP.holdsPost, hold))
    g.add((hold, DIP.postTitle, Literal("总书记" + PAYLOADS["comment"], lang="zh")))
    g.add((hold, DIP.asOf, Literal("2025-02-05", datatype=XSD.date)))
    other = person_iri("洪森")
    g.add((other, RDF.type, DIP.Person))
    g.add((other, RDFS.label, Literal("洪森", lang="zh")))
    g.add((other, DIP.country, vn))
    art, art2 = DIPR["article/a1"], DIPR["article/a2"]
    g.add((art, RDF.type, DIP.Article))
    g.add((art, DCTERMS.title, Literal("标题" + PAYLOADS["quotes"], lang="zh")))
    g.add((art, DIP.url, Literal("javascript:window.__pwned=6")))
    g.add((art, DIP.sourceFile, Literal("a" + PAYLOADS["img"] + ".txt")))
    g.add((art2, RDF.type, DIP.Article))
    g.add((art2, DCTERMS.title, Literal("正常的标题", lang="zh")))
    g.add((art2, DIP.url, Literal("https://example.org/a?x=1&y=<2>")))
    m = DIPR["meeting/m1"]
    g.add((m, RDF.type, DIP.Meeting))
    g.add((m, DIP.participant, evil))
    g.add((m, DIP.participant, other))
    g.add((m, DIP.startDate, Literal("2025-02-06", datatype=XSD.date)))
    g.add((m, DIP.place, Literal("金边" + PAYLOADS["close"])))
    g.add((m, DIP.evidence, Literal("苏林会见洪森" + PAYLOADS["close"] + PAYLOADS["img"],
                                    lang="zh")))
    g.add((m, DIP.reportedIn, art))
    g.add((m, DIP.reportedIn, art2))
    v = DIPR["visit/v1"]
    g.add((v, RDF.type, DIP.Visit))
    g.add((v, DIP.visitor, evil))
    g.add((v, DIP.destination, vn))
    g.add((v, DIP.visitKind, Literal("国事访问" + PAYLOADS["script"], lang="zh")))
    g.add((v, DIP.evidence, Literal(PAYLOADS["img"], lang="zh")))
    return g


@pytest.fixture(scope="module")
def small() -> viz.VizData:
    return viz.load_data(SMALL)


# --- reading the graph ---------------------------------------------------------------------------

def test_load_data_reads_every_documented_term(small):
    by = {p.label: p for p in small.persons}
    assert set(by) == {"苏林", "潘文江", "河野克俊", "岩屋毅", "通伦·西苏里", "洪森", "胡志明"}
    assert by["潘文江"].names == ("潘文江", "范文江")
    assert by["河野克俊"].names == ("河野克俊", "Katsutoshi Kawano", "KatsutoshiKawano")
    assert small.countries[by["通伦·西苏里"].country].label == "老挝"
    assert small.countries[by["通伦·西苏里"].country].names == ("老挝", "Laos", "寮国")
    assert by["潘文江"].posts == (("总参谋长", "", "2019-03-02"),)
    assert by["河野克俊"].posts == (("统合幕僚长", "日本自卫队", "--03-02"),)
    # Busiest first, then by name: the order the page and the picture use.
    assert [p.label for p in small.persons][:3] == ["苏林", "潘文江", "通伦·西苏里"]
    counts = small.meeting_counts()
    assert counts[by["苏林"].iri] == 3 and counts[by["胡志明"].iri] == 0


def test_load_data_meetings_visits_articles(small):
    assert len(small.meetings) == 5
    m1 = next(m for m in small.meetings if m.iri.endswith("/m1"))
    assert m1.start == "--03-02" and m1.place == "东京"
    assert m1.evidence == ("潘文江同日本自卫队统合幕僚长河野克俊亲切握手",)
    assert m1.articles == (str(DIPR["article/a1"]),)
    assert small.articles[m1.articles[0]].url == "https://zh.vietnamplus.vn/example-a1.vnp"
    assert small.articles[m1.articles[0]].source_file == "000_07f46a5e7c02f47f.txt"
    # Meetings in time order: year-unknown dates first, then dated ones.
    assert [m.start for m in small.meetings] == ["--03-02", "--03-02", "2024-07-12",
                                                 "2025-02-05", "2025-02-06"]
    visit = next(v for v in small.visits if v.iri.endswith("/v1"))
    assert (visit.kind, visit.start, visit.end) == ("正式访问", "--03-02", "--03-05")
    assert visit.inviter == str(person_iri("河野克俊"))
    assert small.countries[visit.destination].iso == "JP"


def test_load_data_from_folder_graph_and_errors(tmp_path, small):
    (tmp_path / "graph.ttl").write_bytes(SMALL.read_bytes())
    assert len(viz.load_data(tmp_path).persons) == len(small.persons)
    g = Graph().parse(SMALL, format="turtle")
    assert {p.label for p in viz.load_data(g).persons} == {p.label for p in small.persons}
    with pytest.raises(FileNotFoundError, match="missing: no such file or folder"):
        viz.load_data(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="no graph.ttl in this folder"):
        viz.load_data(tmp_path / "empty")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.ttl"):
        viz.load_data(bad)


# --- focus ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("focus", "persons", "meetings"), [
    (viz.Focus(), 7, 5),
    (viz.Focus(person="范文江"), {"潘文江", "河野克俊", "岩屋毅"}, 2),
    (viz.Focus(person="Katsutoshi Kawano", hops=1), {"潘文江", "河野克俊"}, 1),
    (viz.Focus(person="KatsutoshiKawano", hops=2), {"潘文江", "河野克俊", "岩屋毅"}, 2),
    (viz.Focus(person="通伦西苏里", hops=0), {"通伦·西苏里"}, 0),
    (viz.Focus(countries=("KH",)), {"苏林", "洪森"}, 1),
    (viz.Focus(countries=("柬埔寨", "Japan")), {"苏林", "洪森", "潘文江", "河野克俊", "岩屋毅"}, 3),
    (viz.Focus(countries=("寮国",)), {"苏林", "通伦·西苏里"}, 2),
    (viz.Focus(date_from="2025"), {"苏林", "通伦·西苏里", "洪森"}, 2),
    (viz.Focus(date_from="2024-07", date_to="2025-02-05"), {"苏林", "通伦·西苏里"}, 2),
    (viz.Focus(date_to="2024"), {"苏林", "通伦·西苏里"}, 1),
    # 潘文江 has two meetings, but with persons of one meeting each: none is left to draw.
    (viz.Focus(min_meetings=2), {"苏林", "通伦·西苏里"}, 2),
    (viz.Focus(person="苏林", date_from="2025-02-06"), {"苏林", "洪森"}, 1),
])
def test_apply_focus(small, focus, persons, meetings):
    out = viz.apply_focus(small, focus)
    if isinstance(persons, int):
        assert len(out.persons) == persons
    else:
        assert {p.label for p in out.persons} == persons
    assert len(out.meetings) == meetings
    kept = {p.iri for p in out.persons}
    assert all(set(m.participants) <= kept for m in out.meetings)
    assert all(v.visitor in kept for v in out.visits)


@pytest.mark.parametrize(("focus", "message"), [
    (viz.Focus(person="无名氏"), "no person named '无名氏'"),
    (viz.Focus(person="a"), "names several persons"),  # Kawano, Iwaya, Sisoulith ...
    (viz.Focus(countries=("火星",)), "no country '火星'"),
    (viz.Focus(date_from="2025-13"), "not a date"),
    (viz.Focus(date_to="yesterday"), "not a date"),
    (viz.Focus(person="苏林", hops=-1), "hops"),
])
def test_apply_focus_errors(small, focus, message):
    with pytest.raises(ValueError, match=message):
        viz.apply_focus(small, focus)


# --- layout --------------------------------------------------------------------------------------

def test_layout_small_is_deterministic_and_spread():
    edges = [(0, 1), (1, 2), (2, 0), (3, 4)]
    a = viz.layout(6, edges)
    assert a == viz.layout(6, edges)
    assert len(set(a)) == 6
    assert all(math.isfinite(c) for xy in a for c in xy)


def test_layout_large_is_fast_and_spread():
    import random
    import time

    rnd = random.Random(3)
    n = 1500
    edges = [(rnd.randrange(n), rnd.randrange(n)) for _ in range(4000)]
    t = time.perf_counter()
    pos = viz.layout(n, edges)
    took = time.perf_counter() - t
    assert len(pos) == n and pos == viz.layout(n, edges)
    assert len(set(pos)) == n  # no two persons drawn on top of each other
    assert took < 30  # generous: the benchmark prints the real figure


# --- the page ------------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _data_block(page: str) -> str:
    return re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page,
                     re.S).group(1)


def test_json_for_html_escapes_and_round_trips():
    value = {"s": "".join(PAYLOADS.values()), "n": [1, "a\u2028b"]}
    text = viz._json_for_html(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_page_keeps_untrusted_text_out_of_markup(tmp_path):
    page = viz.render_html(viz.load_data(injection_graph()), title=PAYLOADS["img"])
    # Exactly the page's own elements: three scripts, no element with a src or href.
    parser = _Tags()
    parser.feed(page)
    scripts = [a for t, a in parser.tags if t == "script"]
    assert len(scripts) == 3 and scripts[0] == {"type": "application/json", "id": "kg-data"}
    assert not [t for t, a in parser.tags if "src" in a or "href" in a or t in ("img", "svg")]
    assert page.lower().count("</script") == 3
    assert page.count("<!--") == 0
    # The payloads are in the page only inside the JSON block, escaped.
    block = _data_block(page)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in block
    data = json.loads(block)
    labels = [p["l"] for p in data["persons"]]
    assert "苏林" + PAYLOADS["img"] in labels
    assert data["meetings"][0]["ev"] == ["苏林会见洪森" + PAYLOADS["close"] + PAYLOADS["img"]]
    assert data["articles"][0]["u"] == "javascript:window.__pwned=6"  # kept as text: no link
    # The title is escaped in <title> and goes to the heading as text (from the JSON).
    assert "<title>&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;</title>" in page
    assert data["title"] == PAYLOADS["img"]
    # A placeholder inside the data is not substituted again.
    assert "{{DATA}}" in data["persons"][0]["n"][-1] or any(
        "{{DATA}}" in n for p in data["persons"] for n in p["n"])


def test_page_is_self_contained_with_strict_csp(small):
    import base64
    import hashlib

    page = viz.render_html(small)
    head = page.split("<script", 1)[0]
    assert "http://" not in head and "https://" not in head  # no stylesheet, font or CDN
    assert not re.search(r"<(link|script)[^>]+(src|href)=", page)
    assert "cdn" not in head.lower()
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-eval" not in csp
    assert "script-src 'sha256-" in csp and "'unsafe-inline'" not in csp.split("style-src")[0]
    bodies = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(bodies) == 2
    for body in bodies:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "vis-network" in bodies[0] and "@version 9.1.2" in bodies[0]


def test_page_data_shape(small):
    data = json.loads(_data_block(viz.render_html(small, show_visits=True)))
    assert data["showVisits"] is True
    persons = data["persons"]
    su = next(p for p in persons if p["l"] == "苏林")
    assert su["m"] == 3 and data["countries"][su["c"]]["l"] == "越南"
    pan = next(p for p in persons if p["l"] == "潘文江")
    assert pan["n"] == ["潘文江", "范文江"] and pan["po"] == [["总参谋长", "", "2019-03-02"]]
    # One edge per pair, listing its meetings: 苏林–通伦·西苏里 met twice.
    idx = {p["l"]: i for i, p in enumerate(persons)}
    pair = next(pr for pr in data["pairs"]
                if {pr[0], pr[1]} == {idx["苏林"], idx["通伦·西苏里"]})
    assert len(pair[2]) == 2
    colours = [c["col"] for c in data["countries"]]
    assert len(set(colours)) == len(colours)
    assert {v["k"] for v in data["visits"]} == {"正式访问", "国事访问"}


def test_page_is_deterministic(small):
    assert viz.render_html(small) == viz.render_html(viz.load_data(SMALL))
    # Whatever order the triples come in (here: reversed, through rdflib).
    lines = [line for line in Graph().parse(SMALL).serialize(format="nt").splitlines() if line]
    shuffled = Graph().parse(data="\n".join(reversed(lines)), format="nt")
    assert viz.render_html(viz.load_data(shuffled)) == viz.render_html(small)


def test_write_html_atomic_and_focus(tmp_path):
    out = viz.write_html(SMALL, tmp_path / "sub" / "g.html",
                         focus=viz.Focus(person="苏林"), title="苏林")
    assert out == tmp_path / "sub" / "g.html" and out.is_file()
    data = json.loads(_data_block(out.read_text(encoding="utf-8")))
    assert {p["l"] for p in data["persons"]} == {"苏林", "通伦·西苏里", "洪森"}
    assert [p.name for p in out.parent.iterdir()] == ["g.html"]  # no temporary left


# --- pictures ------------------------------------------------------------------------------------

def test_cjk_font_has_every_glyph_of_the_seed_names():
    from matplotlib.ft2font import FT2Font

    font = FT2Font(str(viz.find_cjk_font()))
    for name in ["苏林", "潘文江", "河野克俊", "通伦·西苏里", "洪森", "岩屋毅", "吉乔·凯坎匹吞"]:
        for ch in name:
            assert font.get_char_index(ord(ch)) != 0, f"{ch} would be drawn as an empty box"


def test_cjk_font_found_on_disk_when_matplotlib_cache_is_stale(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.delenv("KG_CJK_FONT", raising=False)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    assert viz._covers(str(viz.find_cjk_font()), "苏林潘文江河野克俊")


def test_cjk_font_override(monkeypatch, tmp_path):
    monkeypatch.setenv("KG_CJK_FONT", str(tmp_path / "none.ttf"))
    with pytest.raises(RuntimeError, match="KG_CJK_FONT"):
        viz.find_cjk_font()


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_write_image(tmp_path, fmt):
    out = viz.write_image(SMALL, tmp_path / f"g.{fmt}")
    raw = out.read_bytes()
    if fmt == "png":
        assert raw[:8] == b"\x89PNG\r\n\x1a\n" and len(raw) > 10_000
    else:
        text = raw.decode("utf-8")
        assert text.lstrip().startswith("<?xml") and "<svg" in text
        assert "<text" not in text  # glyphs drawn as paths: Chinese shows wherever it opens
        assert text.count("<path") > 50


def test_write_image_escapes_nothing_into_svg_markup(tmp_path):
    import xml.etree.ElementTree as ET

    out = viz.write_image(injection_graph(), tmp_path / "g.svg")
    root = ET.parse(out).getroot()  # well-formed XML, whatever the names hold
    for node in root.iter():
        tag = node.tag.rsplit("}", 1)[-1]
        assert tag not in ("script", "img", "foreignObject", "a", "iframe")
        assert not [a for a in node.attrib if a.lower().startswith("on")]


def test_empty_graph_gives_a_page_and_a_picture(tmp_path):
    empty = Graph()
    data = json.loads(_data_block(viz.write_html(empty, tmp_path / "e.html")
                                  .read_text(encoding="utf-8")))
    assert data["persons"] == [] and data["pairs"] == []
    assert viz.write_image(empty, tmp_path / "e.png").read_bytes()[:4] == b"\x89PNG"


def test_write_image_rejects_unknown_format(tmp_path):
    with pytest.raises(ValueError, match="png or svg"):
        viz.write_image(SMALL, tmp_path / "g.gif")


# --- the command and the build -------------------------------------------------------------------

def test_cli_viz_html_png_svg(tmp_path, capsys):
    assert main(["viz", str(SMALL), "--out", str(tmp_path / "g.html"), "--person", "苏林",
                 "--hops", "1", "--visits"]) == 0
    assert f"wrote {tmp_path / 'g.html'}" in capsys.readouterr().out
    data = json.loads(_data_block((tmp_path / "g.html").read_text(encoding="utf-8")))
    assert data["showVisits"] is True and len(data["persons"]) == 3
    assert main(["viz", str(SMALL), "--out", str(tmp_path / "g.png"), "--country", "VN",
                 "--country", "日本", "--from", "2019", "--to", "2026-12-31"]) == 0
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["viz", str(SMALL), "--out", str(tmp_path / "pic"), "--format", "svg",
                 "--min-meetings", "2"]) == 0
    assert b"<svg" in (tmp_path / "pic").read_bytes()


def test_cli_viz_errors(tmp_path, capsys):
    assert main(["viz", str(SMALL), "--out", str(tmp_path / "g.html"), "--person", "无名氏"]) == 2
    assert "no person named '无名氏'" in capsys.readouterr().err
    assert main(["viz", str(tmp_path), "--out", str(tmp_path / "g.html")]) == 2
    assert "no graph.ttl" in capsys.readouterr().err
    assert not (tmp_path / "g.html").exists()


def test_build_writes_graph_html(seeds_build):
    page = (seeds_build / "graph.html").read_text(encoding="utf-8")
    data = json.loads(_data_block(page))
    labels = {p["l"] for p in data["persons"]}
    assert {"苏林", "潘文江", "河野克俊", "通伦·西苏里"} <= labels
    assert len(data["meetings"]) >= 4


def test_cli_viz_of_the_seed_build(seeds_build, tmp_path, capsys):
    out = tmp_path / "su.html"
    assert main(["viz", str(seeds_build), "--out", str(out), "--person", "苏林"]) == 0
    data = json.loads(_data_block(out.read_text(encoding="utf-8")))
    labels = {p["l"] for p in data["persons"]}
    assert "苏林" in labels and "通伦·西苏里" in labels and "河野克俊" not in labels
    assert main(["viz", str(seeds_build / "graph.ttl"), "--out", str(tmp_path / "s.svg"),
                 "--country", "日本"]) == 0
    assert "<svg" in (tmp_path / "s.svg").read_text(encoding="utf-8")


def test_build_report_lists_graph_html(tmp_path):
    from kg.pipeline import build

    page = tmp_path / "p.txt"
    page.write_text("2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。",
                    encoding="utf-8")
    report = build([page], tmp_path / "b", progress=False)
    assert tmp_path / "b" / "graph.html" in report.outputs
    assert "graph.html" in report.summary()


# --- straight from the resolved corpus -----------------------------------------------------------

def _same_as_from_the_graph(resolved, tmp_path: Path) -> viz.VizData:
    """Check viz_data(resolved) against load_data of the graph written from it, and the pages."""
    from kg.rdf import write_graph

    graph = tmp_path / "graph.ttl"
    write_graph(resolved, graph)
    data = viz.viz_data(resolved)
    assert data == viz.load_data(graph)
    page = viz.write_html(resolved, tmp_path / "from_resolved.html")
    assert page.read_bytes() == viz.write_html(graph, tmp_path / "from_graph.html").read_bytes()
    assert viz.render_html(resolved, show_visits=True) == viz.render_html(
        viz.load_data(graph), show_visits=True)
    focus = viz.Focus(date_from="2025", min_meetings=1)
    assert (viz.write_html(resolved, tmp_path / "focused.html", focus=focus).read_bytes()
            == viz.write_html(graph, tmp_path / "focused2.html", focus=focus).read_bytes())
    return data


@pytest.mark.parametrize("corpus", ["sources", "tests/data/heldout", "tests/data/heldout2",
                                    "tests/data/heldout3"])
def test_viz_data_is_what_the_graph_reads_back(corpus, tmp_path):
    from kg.pipeline import build_resolved

    resolved = build_resolved([Path(__file__).resolve().parent.parent / corpus], workers=1)
    data = _same_as_from_the_graph(resolved, tmp_path)
    assert data.persons and data.meetings and data.articles


def _nasty_corpus():
    """A corpus whose names carry markup, quotes and control characters, and whose records
    collide: keys that make one IRI, events and posts of one key, articles nobody wrote."""
    from kg.model import Article, Entity, Event, Evidence, Post, Resolved

    nasty = [PAYLOADS["script"], PAYLOADS["quotes"], PAYLOADS["close"], PAYLOADS["amp"],
             "tab\there\r\nnew\x00line\x01\x1f\x7f", "  spaced  ", ""]

    def art(i: int, **kw) -> Article:
        return Article(id=kw.pop("id", f"a{i}"), source_file=f"{i}{nasty[i % 7]}.txt", index=0,
                       title=kw.pop("title", nasty[i % 7]), text="", start=0, end=0, **kw)

    articles = (
        art(0, date="2025-02-05", url="https://example.org/?a=1&b=<2>"),
        art(1, date="--02-05", url="javascript:alert(1)"),
        art(2, id="e\u0301", date="2025-02-31"),  # é once NFC-normalised: one IRI with a3
        art(3, id="é", date="2024-01-01", title=""),
        art(4, title=""),
    )
    entities = (
        Entity("苏林", "person", "苏林" + PAYLOADS["img"], latin="To Lam",
               aliases=(PAYLOADS["script"], "To Lam", "苏林" + PAYLOADS["img"]),
               country="VN", posts=(Post("总书记" + PAYLOADS["comment"], "越共", "2025-02-05",
                                         "a0"),
                                    Post("主席", "", "--03-01", "nowhere"),
                                    Post("主席", "无名组织", "bad-date", ""))),
        Entity("", "person", "无名", country="XX"),  # "" and "_" make one IRI
        Entity("_", "person", "下划线", latin="Under Score", aliases=("\x1f",), country="vn",
               posts=(Post("b\x1fc", "", "", "a1"),)),
        # Posts whose parts join alike make one holding (and their values combine).
        Entity("a\x1fb", "person", "甲", posts=(Post("c", "d", "", "a2"),)),
        Entity("a", "person", "乙", posts=(Post("b", "c\x1fd", "", "a3"),
                                           Post("t", "越共", "\x1f2025-01-01"))),
        Entity("a\x1ft", "person", "丙", posts=(Post("越共", "", "2025-01-01"),)),
        Entity("VN", "country", "越南", latin="Viet Nam", aliases=(" 越南 ", "Vietnam")),
        Entity("vn", "country", "越南国", aliases=("\t",)),
        Entity("KH", "country", "", latin="Cambodia"),
        Entity("越共", "organization", "越南共产党", latin="CPV"),
        Entity("空", "organization", ""),
        Entity("金边~", "place", "金边" + PAYLOADS["close"], latin="Phnom Penh"),
    )

    def ev(kind: str, key: str, **kw) -> Event:
        return Event(kind=kind, key=key, **kw)

    # Where events of one key give several values, the graph keeps the one whose triple
    # comes first: keys such as "x0" and "x~" sort one way, their IRIs (x0, x%7E) the other.
    events = (
        ev("meeting", "m1", participants=("苏林", "_"), start="2025-02-05", place="金边~",
           articles=("a0", "a9"), evidence=(Evidence("a0", 0, 1, PAYLOADS["close"]),)),
        ev("meeting", "m1", participants=("", "陌生人 "), start="--02-01", end="2025-02-07",
           place="金边0", articles=("a1",),
           evidence=(Evidence("a1", 0, 1, "tab\tnew\nline\x02"),)),
        ev("meeting", "m1", start=" soon", end=" later"),  # no date written for these
        ev("meeting", "m2", participants=("苏林",), articles=("a4",)),  # one participant
        ev("meeting", "", participants=("苏林", "a"), place="无名地"),  # no key: its repr
        ev("visit", "v1", visitor="x0", destination="KI", inviter="y0", end="--03-02",
           visit_kind="访问", evidence=(Evidence("a2", 0, 1, PAYLOADS["img"]),)),
        ev("visit", "v1", visitor="x~", destination="kh", inviter="y~", start="2025-13-45",
           visit_kind="国事访问" + PAYLOADS["script"], planned=True, articles=("a2",)),
        ev("visit", "v2", visitor="苏林", articles=("a8",)),  # no destination
        ev("call", "c1", participants=("苏林", "a"), articles=("a7",)),
    )
    return Resolved(articles=articles, entities=entities, events=events)


def test_viz_data_of_nasty_names_and_colliding_records(tmp_path):
    resolved = _nasty_corpus()
    data = _same_as_from_the_graph(resolved, tmp_path)
    assert len(data.meetings) == 2 and len(data.visits) == 1
    assert {"a7", "a8", "a9", "nowhere"} <= {iri.rsplit("/", 1)[1] for iri in data.articles}
    # The page shows the names escaped as before, inside the JSON block only.
    page = viz.render_html(resolved, title=PAYLOADS["img"])
    block = _data_block(page)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in block
    assert page.lower().count("</script") == 3 and page.count("<!--") == 0
    persons = json.loads(block)["persons"]
    assert "苏林" + PAYLOADS["img"] in [p["l"] for p in persons]
    assert any(PAYLOADS["script"] in p["n"] for p in persons)


def test_viz_data_of_random_colliding_corpora(tmp_path):
    """Small random corpora drawn from few values, so that keys, IRIs and records collide."""
    import random

    from kg.model import Article, Entity, Event, Evidence, Post, Resolved

    names = ["", "_", "é", "e\u0301", "a\x1fb", "<b>", " x ", "苏林", "Su Lin", "\x01"]
    days = ["", "2025-02-05", "2024-12-31", "--02-05", "bad", "2025-02-30"]
    for seed in range(20):
        rnd = random.Random(seed)

        def pick(values, rnd=rnd):
            return rnd.choice(values)

        def some(values, most=3, rnd=rnd):
            return tuple(rnd.choice(values) for _ in range(rnd.randint(0, most)))

        ids = ["a", "b", "é", "e\u0301", ""]
        articles = tuple(Article(id=pick(ids), source_file=pick(names), index=0,
                                 title=pick(names), text="", start=0, end=0, date=pick(days),
                                 url=pick(["", "https://x.org/", "u"])) for _ in range(4))
        entities = tuple(
            Entity(pick(names), pick(["person", "country", "organization", "place"]),
                   pick(names), latin=pick(names), aliases=some(names), country=pick(names),
                   posts=tuple(Post(pick(names), pick(names), pick(days), pick(ids))
                               for _ in range(rnd.randint(0, 3))))
            for _ in range(12))
        events = tuple(
            Event(pick(["meeting", "visit", "call"]), participants=some(names, 4),
                  visitor=pick(names), destination=pick(names), inviter=pick(names),
                  start=pick(days), end=pick(days), visit_kind=pick(names), place=pick(names),
                  planned=pick([True, False]), articles=some(ids),
                  evidence=tuple(Evidence("a", 0, 1, t) for t in some(names)),
                  key=pick(["k1", "k2", ""]))
            for _ in range(8))
        resolved = Resolved(articles=articles, entities=entities, events=events)
        _same_as_from_the_graph(resolved, tmp_path)
