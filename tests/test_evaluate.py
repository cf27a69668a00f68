"""kg eval: scoring hand-made graphs against hand-computed figures, and agreement with the
dev set's own scorer (../shared/devset/score.py) on the dev set, through the CLI."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SKOS

from kg.cli import main
from kg.evaluate import (
    CATEGORIES,
    CountryNames,
    Counts,
    GoldFile,
    format_details,
    format_scores,
    normalize_name,
    read_gold,
    score_graph,
)
from kg.vocab import DIP

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
R = Namespace("https://example.org/r/")

MEETING_SENTENCE = "2025年9月1日,越共中央总书记苏林在党中央驻地会见了柬埔寨人民党主席洪森。"
CALL_SENTENCE = "同日,苏林与中共中央总书记习近平通电话。"
VISIT_SENTENCE = ("应日本自卫队统合幕僚长河野克俊(KatsutoshiKawano)的邀请,由越南国防部副部长潘文江"
                  "率领的越南军事高级代表团于3月2日至5日对日本进行正式访问。")

# Country names as the tests use them; the project's lexicon is checked on its own below.
COUNTRIES = CountryNames([["中国", "中华人民共和国"], ["日本", "日本国"], ["越南"], ["柬埔寨"]])


class Builder:
    """A tiny graph in the contract's terms: articles, persons, countries, meetings, visits."""

    def __init__(self) -> None:
        self.g = Graph()

    def article(self, name: str, source_file: str, *mentions: URIRef) -> URIRef:
        a = R[f"article/{name}"]
        self.g.add((a, RDF.type, DIP.Article))
        self.g.add((a, DIP.sourceFile, Literal(source_file)))
        for m in mentions:
            self.g.add((a, DIP.mentions, m))
        return a

    def person(self, key: str, *alt: str, label: str | None = None) -> URIRef:
        p = R[f"person/{key}"]
        self.g.add((p, RDF.type, DIP.Person))
        self.g.add((p, RDFS.label, Literal(label or key, lang="zh")))
        for a in alt:
            self.g.add((p, SKOS.altLabel, Literal(a, lang="zh")))
        return p

    def country(self, iso: str, label: str) -> URIRef:
        c = R[f"country/{iso}"]
        self.g.add((c, RDF.type, DIP.Country))
        self.g.add((c, RDFS.label, Literal(label, lang="zh")))
        return c

    def meeting(self, name: str, article: URIRef, *people: URIRef, evidence: str = "",
                kind: URIRef = DIP.Meeting) -> URIRef:
        m = R[f"meeting/{name}"]
        self.g.add((m, RDF.type, kind))
        self.g.add((m, DIP.reportedIn, article))
        for p in people:
            self.g.add((m, DIP.participant, p))
        if evidence:
            self.g.add((m, DIP.evidence, Literal(evidence, lang="zh")))
        return m

    def visit(self, name: str, article: URIRef, visitor: URIRef, destination: URIRef, *,
              inviter: URIRef | None = None, start: str = "", evidence: str = "") -> URIRef:
        v = R[f"visit/{name}"]
        self.g.add((v, RDF.type, DIP.Visit))
        self.g.add((v, DIP.reportedIn, article))
        self.g.add((v, DIP.visitor, visitor))
        self.g.add((v, DIP.destination, destination))
        if inviter is not None:
            self.g.add((v, DIP.invitedBy, inviter))
        if start:
            dtype = "gMonthDay" if start.startswith("--") else "date"
            self.g.add((v, DIP.startDate,
                        Literal(start, datatype=URIRef(f"http://www.w3.org/2001/XMLSchema#{dtype}"))))
        if evidence:
            self.g.add((v, DIP.evidence, Literal(evidence, lang="zh")))
        return v


def load_score_py():
    """The dev set's own scorer, imported from the shared folder."""
    spec = importlib.util.spec_from_file_location("devset_score", DEVSET / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def counts_of(scores) -> dict[str, tuple[int, int, int]]:
    return {c: (scores[c].tp, scores[c].fp, scores[c].fn) for c in CATEGORIES}


def reference_counts(graph: Graph, gold: list[dict]) -> dict[str, tuple[int, int, int]]:
    """What score.py says about the same graph and gold lines."""
    result = load_score_py().score(graph, gold)
    return {c: (result[c]["tp"], result[c]["fp"], result[c]["fn"]) for c in CATEGORIES}


# --- hand-made cases ---------------------------------------------------------------------------

def meeting_case() -> tuple[Builder, list[dict]]:
    """苏林 met 洪森 (gold); the graph also has 苏林 'meeting' 习近平 (a phone call): a false
    meeting; 阮富仲 in the gold is missing from the graph; 裴青山 is in the graph, not the gold."""
    b = Builder()
    su, hun, xi, bui = (b.person("苏林"), b.person("洪森"), b.person("习近平"),
                        b.person("裴青山"))
    a = b.article("a1", "news/p1.txt", su, hun, xi, bui)
    b.meeting("m1", a, su, hun, evidence=MEETING_SENTENCE)
    b.meeting("m2", a, su, xi, evidence=CALL_SENTENCE)
    gold = [{"file": "p1.txt",
             "persons": [{"name": "苏林"}, {"name": "洪森"}, {"name": "习近平"},
                         {"name": "阮富仲"}],
             "meetings": [["洪森", "苏林"]], "visits": []}]
    return b, gold


def test_missing_person_and_false_meeting():
    b, gold = meeting_case()
    texts = {"p1.txt": [MEETING_SENTENCE, CALL_SENTENCE, "越共中央总书记阮富仲出席。",
                        "越南公安部长裴青山致辞。"]}
    scores = score_graph(b.g, gold, countries=COUNTRIES, texts=texts)
    # persons: 苏林 洪森 习近平 found; 阮富仲 missed; 裴青山 not in the gold.
    assert scores["persons"] == Counts(tp=3, fp=1, fn=1)
    assert scores["persons"].precision == pytest.approx(3 / 4)
    assert scores["persons"].recall == pytest.approx(3 / 4)
    # meetings: {苏林, 洪森} right, {苏林, 习近平} wrong.
    assert scores["meetings"] == Counts(tp=1, fp=1, fn=0)
    assert scores["meetings"].f1 == pytest.approx(2 * 0.5 * 1 / 1.5)
    assert scores["visits"] == Counts(0, 0, 0)
    found = {(f.category, f.kind, f.item): f.sentence for f in scores.findings}
    assert found == {
        ("persons", "fn", "阮富仲"): "越共中央总书记阮富仲出席。",
        ("persons", "fp", "裴青山 (not in gold)"): "越南公安部长裴青山致辞。",
        ("meetings", "fp", "习近平—苏林"): CALL_SENTENCE,
    }
    assert counts_of(scores) == reference_counts(b.g, gold)


def test_person_sentence_falls_back_to_event_evidence():
    b, gold = meeting_case()
    scores = score_graph(b.g, gold, countries=COUNTRIES)  # no article texts
    found = {(f.category, f.kind, f.item): f.sentence for f in scores.findings}
    assert found[("meetings", "fp", "习近平—苏林")] == CALL_SENTENCE
    assert found[("persons", "fp", "裴青山 (not in gold)")] == ""  # named by no event
    assert found[("persons", "fn", "阮富仲")] == ""


def test_optional_pair_is_neither_rewarded_nor_penalised():
    b, gold = meeting_case()
    gold[0]["optional"] = {"meetings": [["苏林", "习近平"], ["洪森", "习近平"]],
                           "persons": ["裴青山"]}
    scores = score_graph(b.g, gold, countries=COUNTRIES)
    # The found optional pair is not a false positive; the missed one is not a false negative.
    assert scores["meetings"] == Counts(tp=1, fp=0, fn=0)
    assert scores["persons"] == Counts(tp=3, fp=0, fn=1)
    assert counts_of(scores) == reference_counts(b.g, gold)


def visit_case(start: str, gold_start: str, inviter: str = "河野克俊") -> tuple[Builder, list]:
    b = Builder()
    phan, kawano = b.person("潘文江", "范文江"), b.person("河野克俊", "Katsutoshi Kawano")
    japan = b.country("JP", "日本")
    a = b.article("a1", "p2.txt", phan, kawano, japan)
    b.visit("v1", a, phan, japan, inviter=kawano, start=start, evidence=VISIT_SENTENCE)
    gold = [{"file": "p2.txt",
             "persons": [{"name": "潘文江"}, {"name": "河野克俊", "aliases": ["KatsutoshiKawano"]}],
             "meetings": [],
             "visits": [{"visitor": "潘文江", "destination": "日本", "inviter": inviter,
                         "start": gold_start, "end": "", "kind": "正式访问"}]}]
    return b, gold


@pytest.mark.parametrize(("start", "gold_start", "inviter", "strict"), [
    ("2019-03-02", "2019-03-02", "河野克俊", Counts(1, 0, 0)),
    ("2019-03-03", "2019-03-02", "河野克俊", Counts(0, 0, 1)),  # date mismatch
    ("", "2019-03-02", "河野克俊", Counts(0, 0, 1)),  # no date in the graph
    ("2019-03-02", "--03-02", "河野克俊", Counts(1, 0, 0)),  # --MM-DD agrees with any year
    ("--03-02", "--03-02", "河野克俊", Counts(1, 0, 0)),
    ("2019-03-05", "--03-02", "河野克俊", Counts(0, 0, 1)),
    ("--03-02", "2019-03-02", "河野克俊", Counts(0, 0, 1)),  # the graph lacks the year
    ("2019-03-02", "", "河野克俊", Counts(1, 0, 0)),  # no gold date: any date agrees
    ("2019-03-02", "2019-03-02", "岩屋毅", Counts(0, 0, 1)),  # inviter mismatch
    ("2019-03-02", "2019-03-02", "", Counts(1, 0, 0)),  # no gold inviter: any agrees
])
def test_strict_visits(start, gold_start, inviter, strict):
    b, gold = visit_case(start, gold_start, inviter)
    scores = score_graph(b.g, gold, countries=COUNTRIES)
    assert scores["visits"] == Counts(1, 0, 0)
    assert scores["visits_strict"] == strict
    # KatsutoshiKawano (gold) and "Katsutoshi Kawano" (graph) are one spelling.
    assert scores["persons"] == Counts(2, 0, 0)
    assert counts_of(scores) == reference_counts(b.g, gold)


def test_strict_miss_is_explained_with_the_evidence():
    b, gold = visit_case("2019-03-03", "2019-03-02")
    scores = score_graph(b.g, gold, countries=COUNTRIES)
    (miss,) = scores.findings
    assert (miss.category, miss.kind, miss.item) == ("visits_strict", "fn", "潘文江→日本")
    assert miss.sentence == VISIT_SENTENCE
    assert miss.note == "inviter 河野克俊 (gold 河野克俊), start 2019-03-03 (gold 2019-03-02)"
    assert "start 2019-03-03 (gold 2019-03-02)" in format_details(scores)


def test_visit_to_a_country_named_in_full_and_a_wrong_visit():
    b = Builder()
    su, xi = b.person("苏林"), b.person("习近平")
    china, vietnam = b.country("CN", "中华人民共和国"), b.country("VN", "越南")
    a = b.article("a1", "p3.txt", su, xi)
    b.visit("v1", a, su, china, evidence="苏林对中华人民共和国进行国事访问。")
    b.visit("v2", a, xi, vietnam, evidence="习近平将访问越南。")
    gold = [{"file": "p3.txt", "persons": [{"name": "苏林"}, {"name": "习近平"}],
             "meetings": [],
             "visits": [{"visitor": "苏林", "destination": "中国", "inviter": "", "start": ""},
                        {"visitor": "苏林", "destination": "柬埔寨", "inviter": "",
                         "start": ""}]}]
    texts = {"p3.txt": ["苏林对中华人民共和国进行国事访问。", "苏林随后前往柬埔寨。"]}
    scores = score_graph(b.g, gold, countries=COUNTRIES, texts=texts)
    assert scores["visits"] == Counts(tp=1, fp=1, fn=1)
    assert scores["visits_strict"] == Counts(tp=1, fp=1, fn=1)
    found = {(f.category, f.kind, f.item): f.sentence for f in scores.findings}
    assert found[("visits", "fp", "习近平→越南")] == "习近平将访问越南。"
    assert found[("visits", "fn", "苏林→柬埔寨")] == "苏林随后前往柬埔寨。"
    assert counts_of(scores) == reference_counts(b.g, gold)


def test_split_and_fused_persons_and_name_normalisation():
    b = Builder()
    # Two nodes for 通伦·西苏里 (one written with a katakana middle dot, one in full width);
    # one node whose labels name two different gold persons.
    t1 = b.person("t1", label="通伦・西苏里")
    t2 = b.person("t2", label="ＴＨＯＮＧＬＯＵＮ ＳＩＳＯＵＬＩＴＨ")
    fused = b.person("fused", "洪森", label="苏林")
    b.article("a1", "dir/p4.txt", t1, t2, fused)
    gold = [{"file": "p4.txt", "meetings": [], "visits": [],
             "persons": [{"name": "通伦·西苏里", "aliases": ["Thongloun Sisoulith"]},
                         {"name": "苏林"}, {"name": "洪森"}]}]
    scores = score_graph(b.g, gold, countries=COUNTRIES)
    # The fused node counts as the first of its names (洪森), so 苏林 is missed.
    assert scores["persons"] == Counts(tp=2, fp=0, fn=1)
    assert scores.split_persons == {"通伦·西苏里": [str(t1), str(t2)]}
    assert scores.fused_nodes == {str(fused): ["洪森", "苏林"]}
    assert counts_of(scores) == reference_counts(b.g, gold)
    text = format_scores(scores)
    assert "persons split over several nodes: 1  nodes fusing several persons: 1" in text


def test_one_name_in_two_scripts_is_reported_as_such():
    """Gold lines of two files write one person in Simplified and Traditional script; a graph
    with one node for both fuses two gold persons, as score.py counts it, and says why."""
    b = Builder()
    node = b.person("赛宋蓬·丰威汉", "賽宋蓬·豐威漢")
    su = b.person("苏林")
    b.article("a1", "p1.txt", node)
    b.meeting("m1", b.article("a2", "p2.txt", node), node, su, evidence="蘇林會見賽宋蓬·豐威漢。")
    gold = [{"file": "p1.txt", "persons": [{"name": "赛宋蓬·丰威汉"}]},
            {"file": "p2.txt", "persons": [{"name": "賽宋蓬·豐威漢"}]}]
    texts = {"p1.txt": ["赛宋蓬·丰威汉致辞。"], "p2.txt": ["賽宋蓬·豐威漢致辭。"]}
    scores = score_graph(b.g, gold, countries=COUNTRIES, texts=texts)
    assert scores.fused_nodes == {str(node): ["賽宋蓬·豐威漢", "赛宋蓬·丰威汉"]}
    assert scores.fused_by_script == [str(node)]
    assert "one name in Traditional and Simplified script" in format_details(scores)
    # 苏林 is a party to a meeting p2.txt reports, though its text does not name him.
    (extra,) = [f for f in scores.findings if f.category == "persons"]
    assert (extra.item, extra.sentence) == ("苏林 (not in gold)", "蘇林會見賽宋蓬·豐威漢。")
    assert extra.note.startswith("not named in the file's text")
    assert counts_of(scores) == reference_counts(b.g, gold)


def test_persons_come_from_mentions_and_events_per_file():
    """A participant counts for the file of the article reporting the event even when the
    article does not list it in dip:mentions; files the gold does not name are not scored;
    a file the graph lacks scores all its gold items as missed."""
    b = Builder()
    su, hun = b.person("苏林"), b.person("洪森")
    a = b.article("a1", "x/p5.txt", su)
    b.meeting("m1", a, su, hun)
    other = b.article("a2", "p6.txt", b.person("普京"))
    b.meeting("m2", other, R["person/普京"], su)
    b.meeting("c1", a, su, b.person("习近平"), kind=DIP.Call)  # a call is not a meeting,
    gold = [{"file": "p5.txt", "persons": [{"name": "苏林"}, {"name": "洪森"}],
             "meetings": [["苏林", "洪森"]], "visits": []},
            {"file": "p7.txt", "persons": [{"name": "李强"}], "meetings": [], "visits": []}]
    scores = score_graph(b.g, gold, countries=COUNTRIES)
    # ... but its participants are persons of the file: 习近平 is a false positive.
    assert scores["persons"] == Counts(tp=2, fp=1, fn=1)
    assert scores["meetings"] == Counts(tp=1, fp=0, fn=0)
    assert counts_of(scores) == reference_counts(b.g, gold)


def test_country_equivalences_come_from_the_lexicon():
    countries = CountryNames.from_lexicon()
    assert countries.key("中华人民共和国") == countries.key("中国")
    assert countries.key("越南社会主义共和国") == countries.key("越南")
    assert countries.key("中國") == countries.key("中国")
    assert countries.key("越南") != countries.key("中国")


def test_normalize_name():
    assert normalize_name("通伦•西苏里") == normalize_name("通伦·西苏里") == "通伦·西苏里"
    assert normalize_name("Katsutoshi Kawano") == normalize_name("KatsutoshiKawano")
    assert normalize_name("ＪＡＭＥＳ　Mattis") == "jamesmattis"


def test_read_gold_names_the_bad_line(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "p1.txt", "persons": []}\n\n{"persons": []}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:3: "):
        read_gold(gold)
    gold.write_text('{"file": "p1.txt", "persons": [}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:1: "):
        read_gold(gold)
    gold.write_text('{"file": "d/p1.txt", "visits": [{"visitor": "苏林"}]}\n',
                    encoding="utf-8")
    with pytest.raises(ValueError, match="malformed gold line"):
        read_gold(gold)


def test_gold_file_reads_a_guideline_line():
    line = json.loads((DEVSET / "gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    row = GoldFile.from_json(line)
    assert row.name == line["file"]
    assert len(row.persons) == len(line["persons"])
    assert {frozenset(p) for p in line["meetings"]} == set(row.meetings)


def test_cli_rejects_a_bad_gold_file_before_building(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("not json\n", encoding="utf-8")
    assert main(["eval", str(tmp_path), "--gold", str(gold), "--no-progress"]) == 2
    assert "gold.jsonl:1:" in capsys.readouterr().err


# --- the dev set, end to end -------------------------------------------------------------------

@pytest.fixture(scope="module")
def devset_eval(tmp_path_factory) -> tuple[dict, Path]:
    """``kg eval`` of the dev set through the CLI: its JSON output and the build folder."""
    out = tmp_path_factory.mktemp("devset-eval")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        status = main(["eval", str(DEVSET / "articles"), "--gold", str(DEVSET / "gold.jsonl"),
                       "--out", str(out / "build"), "--json", "--details", "--no-progress"])
    assert status == 0, buffer.getvalue()
    return json.loads(buffer.getvalue()), out / "build"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # score.py's rdflib Dataset
def test_devset_agrees_with_score_py(devset_eval):
    result, build = devset_eval
    score_py = load_score_py()
    with (DEVSET / "gold.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for line in fh if line.strip()]
    reference = score_py.score(score_py.load([str(build / "graph.ttl")]), gold)
    for category in CATEGORIES:
        for figure in ("tp", "fp", "fn"):
            assert result[category][figure] == reference[category][figure], (category, figure)
    assert result["gold_files_not_read"] == []
    assert result["persons_split_over_nodes"] == reference["persons_split_over_nodes"]
    assert result["nodes_fusing_persons"] == reference["nodes_fusing_persons"]


def test_devset_details_list_every_error(devset_eval):
    result, _ = devset_eval
    findings = result["findings"]
    for category in CATEGORIES:
        for kind in ("fp", "fn"):
            listed = [f for f in findings if f["category"] == category and f["kind"] == kind]
            assert len(listed) == result[category][kind], (category, kind)
    files = {line["file"] for line in map(json.loads, (DEVSET / "gold.jsonl").open())}
    assert {f["file"] for f in findings} <= files


def test_cli_prints_figures_and_details(tmp_path, capsys):
    page = tmp_path / "p1.txt"
    page.write_text(MEETING_SENTENCE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "p1.txt", "persons": [
        {"name": "苏林"}, {"name": "洪森"}, {"name": "阮富仲"}],
        "meetings": [["苏林", "洪森"], ["苏林", "阮富仲"]], "visits": []},
        ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", str(page), "--gold", str(gold), "--details", "--no-progress"]) == 0
    out = capsys.readouterr().out
    assert "persons        P 1.000  R 0.667  F1 0.800  (tp 2, fp 0, fn 1)" in out
    assert "meetings       P 1.000  R 0.500  F1 0.667  (tp 1, fp 0, fn 1)" in out
    assert "  persons        FN  阮富仲" in out
    assert "  meetings       FN  苏林—阮富仲" in out
    assert f"「{MEETING_SENTENCE}」" in out  # the sentence naming 苏林 (no sentence has both)


# --- random graphs: the same counts as score.py ------------------------------------------------

COUNTRY_LABELS = ["中国", "中华人民共和国", "越南", "越南社会主义共和国", "老挝", "柬埔寨王国",
                  "日本", "美国", "蒙古国", "阿尔及利亚", "印尼", "印度尼西亚"]
DATES = ["", "2019-03-02", "--03-02", "2024-08-18", "--02-05", "2025-02-06"]


def random_graph(seed: int, gold: list[dict]) -> tuple[Graph, list[dict]]:
    """A graph that gets some of the gold right and much wrong, in every way the scorer sees:
    missing, extra, split and fused persons, aliases and dot variants as labels, meetings of
    two or three, calls, visits with full country names, inviters and dates."""
    import random

    rnd = random.Random(seed)
    b = Builder()
    rows = rnd.sample(gold, k=min(len(gold), rnd.randint(1, 5)))
    extra = ["李强", "王毅", "普京", "金正恩"]
    countries = {label: b.country(f"c{i}", label) for i, label in enumerate(COUNTRY_LABELS)}
    for n, row in enumerate(rows):
        names = [p["name"] for p in row["persons"]]
        spellings = {p["name"]: [p["name"], *p.get("aliases", [])] for p in row["persons"]}
        nodes = []
        for name in names + rnd.sample(extra, k=rnd.randint(0, 2)):
            if rnd.random() < 0.2:
                continue  # missed
            label = rnd.choice(spellings.get(name, [name])).replace("·", rnd.choice("·・•"))
            node = b.person(f"{name}-{seed}-{rnd.randint(0, 1)}", label=label)  # maybe split
            if rnd.random() < 0.05 and names:
                b.g.add((node, SKOS.altLabel, Literal(rnd.choice(names))))  # maybe fused
            nodes.append(node)
        folder = rnd.choice(["", "a/", "b/c/"])
        article = b.article(f"{seed}-{n}", folder + row["file"],
                            *rnd.sample(nodes, k=len(nodes) // 2))
        for m in range(rnd.randint(0, 4)):
            if len(nodes) >= 2:
                kind = DIP.Call if rnd.random() < 0.2 else DIP.Meeting
                b.meeting(f"{seed}-{n}-{m}", article, *rnd.sample(nodes, k=rnd.choice([2, 2, 3])
                                                                  if len(nodes) > 2 else 2),
                          kind=kind)
        for v in range(rnd.randint(0, 3)):
            if not nodes:
                break
            gold_visits = row.get("visits", [])
            if gold_visits and rnd.random() < 0.6:
                gv = rnd.choice(gold_visits)
                visitor = next((x for x in nodes if x.endswith(f"{gv['visitor']}-{seed}-0")
                                or x.endswith(f"{gv['visitor']}-{seed}-1")), rnd.choice(nodes))
                dest = countries.get(gv["destination"], rnd.choice(list(countries.values())))
            else:
                visitor, dest = rnd.choice(nodes), rnd.choice(list(countries.values()))
            b.visit(f"{seed}-{n}-{v}", article, visitor, dest,
                    inviter=rnd.choice([None, *nodes]), start=rnd.choice(DATES))
    return b.g, rows


@pytest.mark.parametrize("seed", range(60))
def test_random_graphs_agree_with_score_py(seed):
    gold = [json.loads(line) for line in
            (DEVSET / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    graph, rows = random_graph(seed, gold)
    scores = score_graph(graph, rows)  # the project's country lexicon
    reference = load_score_py().score(graph, rows)
    assert counts_of(scores) == {c: (reference[c]["tp"], reference[c]["fp"], reference[c]["fn"])
                                 for c in CATEGORIES}
    assert sorted(scores.split_persons) == reference["persons_split_over_nodes"]
    assert sorted(scores.fused_nodes) == reference["nodes_fusing_persons"]


def test_cli_warns_of_gold_files_not_read(tmp_path, capsys):
    page = tmp_path / "p1.txt"
    page.write_text(MEETING_SENTENCE, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "p1.txt"}\n{"file": "elsewhere/p9.txt", "persons": '
                    '[{"name": "李强"}]}\n', encoding="utf-8")
    assert main(["eval", str(page), "--gold", str(gold), "--no-progress"]) == 0
    captured = capsys.readouterr()
    assert "names p9.txt, which is not among the pages read" in captured.err
    # p1.txt's gold line names no one: 苏林 and 洪森 are false positives; 李强 is missed.
    assert captured.out.splitlines()[0].endswith("(tp 0, fp 2, fn 1)")


def test_docstring_examples_run():
    import doctest

    import kg.evaluate

    result = doctest.testmod(kg.evaluate, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
