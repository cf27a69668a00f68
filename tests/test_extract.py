"""Extract: mentions and events of one article, end to end through the mentions stage."""

from __future__ import annotations

import pickle

import pytest

from kg.extract import extract
from kg.model import CALL, MEETING, PERSON, VISIT, Article, Extraction


def art(text: str, date: str = "") -> Article:
    return Article(id="a1", source_file="p.txt", index=0, title="", text=text, start=0,
                   end=len(text), date=date)


@pytest.mark.parametrize(("text", "expected"), [
    ("应日本自卫队统合幕僚长河野克俊(KatsutoshiKawano)的邀请,由越共中央委员、中央军委常委、"
     "总参谋长、国防部副部长潘文江率领的越南军事高级代表团于3月2日至5日对日本进行正式访问。",
     {(VISIT, "潘文江", "JP", "河野克俊", "--03-02", "--03-05", "正式访问")}),
    ("越共中央政治局委员、中央军委副书记、国防部长潘文江大将于2月5日会见了老挝人民革命党中央政治局委员、"
     "国防部长坎良·乌塔凯山大将。",
     {(MEETING, ("坎良·乌塔凯山", "潘文江"))}),
    ("4月29日上午,国务委员兼国防部长魏凤和同越南国防部长吴春历通电话。",
     {(CALL, ("吴春历", "魏凤和"))}),
])
def test_extract_seed_sentences(text: str, expected: set) -> None:
    ex = extract(art(text))
    got = set()
    for e in ex.events:
        if e.kind == VISIT:
            got.add((VISIT, e.visitor, e.destination, e.inviter, e.start, e.end, e.visit_kind))
        else:
            got.add((e.kind, e.participants))
    assert got == expected
    assert all(m.article_id == "a1" for m in ex.mentions)
    assert [(m.start, m.end) for m in ex.mentions] == sorted((m.start, m.end) for m in ex.mentions)


def test_extraction_pickles_for_workers() -> None:
    ex = extract(art("2025年9月1日,越共中央总书记苏林在党中央驻地会见了柬埔寨人民党主席洪森。"))
    assert isinstance(ex, Extraction)
    assert {m.key for m in ex.mentions if m.kind == PERSON} >= {"苏林", "洪森"}
    assert pickle.loads(pickle.dumps(ex)) == ex


def test_page_without_diplomacy_yields_no_event() -> None:
    text = ("本报北京12月12日电 (记者王俊岭)记者12日从海关总署获悉,"
            "中国和越南双边贸易持续保持良好发展势头,今年前11个月,中越货物贸易进出口1.45万亿元人民币,同比增长3.6%。")
    assert extract(art(text)).events == ()
