"""Resolve: one entity per person across articles and spellings, one event per real event."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from kg.model import (
    COUNTRY,
    MEETING,
    PERSON,
    VISIT,
    Article,
    Event,
    Evidence,
    Extraction,
    Mention,
    Post,
)
from kg.resolve import dates_compatible, event_key, resolve


def art(aid: str, text: str, date: str = "", source: str = "") -> Article:
    return Article(id=aid, source_file=source or aid + ".txt", index=0, title="", text=text,
                   start=0, end=len(text), date=date)


def person(a: Article, printed: str, key: str, nth: int = 0, **kw) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = a.text.index(printed, start + 1)
    return Mention(a.id, start, start + len(printed), printed, PERSON, key, **kw)


def country(a: Article, printed: str, iso: str) -> Mention:
    start = a.text.index(printed)
    return Mention(a.id, start, start + len(printed), printed, COUNTRY, iso)


def visit(aid: str, visitor: str, dest: str, **kw) -> Event:
    return Event(VISIT, visitor=visitor, destination=dest, articles=(aid,),
                 evidence=(Evidence(aid, 0, 1, "x"),), **kw)


def meeting(aid: str, *people: str, **kw) -> Event:
    return Event(MEETING, participants=tuple(sorted(people)), articles=(aid,),
                 evidence=(Evidence(aid, 0, 1, "x"),), **kw)


def persons_of(r) -> dict:
    return {e.key: e for e in r.entities if e.kind == PERSON}


# --- persons -------------------------------------------------------------------------------


def test_short_form_merges_with_the_unique_full_name() -> None:
    a1 = art("a1", "美国国防部长詹姆斯·马蒂斯(James Mattis)会见吴春历。")
    a2 = art("a2", "马蒂斯高度评价越南的地区地位。")
    r = resolve([
        Extraction(a1, (person(a1, "詹姆斯·马蒂斯", "詹姆斯·马蒂斯", latin="James Mattis",
                               titles=("国防部长",), country="US"),
                        person(a1, "吴春历", "吴春历", country="VN"))),
        Extraction(a2, (person(a2, "马蒂斯", "马蒂斯"),)),
    ])
    people = persons_of(r)
    assert set(people) == {"詹姆斯·马蒂斯", "吴春历"}
    mattis = people["詹姆斯·马蒂斯"]
    assert mattis.label == "詹姆斯·马蒂斯" and mattis.latin == "James Mattis"
    assert "马蒂斯" in mattis.aliases and mattis.country == "US"
    assert r.mentions["a2"] == ((PERSON, "詹姆斯·马蒂斯"),)


def test_ambiguous_short_form_stays_apart() -> None:
    a1 = art("a1", "赛宋蓬·丰威汉与凯山·丰威汉的夫人。丰威汉表示。")
    r = resolve([Extraction(a1, (person(a1, "赛宋蓬·丰威汉", "赛宋蓬·丰威汉"),
                                 person(a1, "凯山·丰威汉", "凯山·丰威汉"),
                                 person(a1, "丰威汉", "丰威汉", nth=2)))])
    assert set(persons_of(r)) == {"赛宋蓬·丰威汉", "凯山·丰威汉", "丰威汉"}


def test_first_part_of_a_lao_name_is_a_short_form() -> None:
    a1 = art("a1", "老挝国会主席赛宋蓬·丰威汉热烈欢迎苏林。赛宋蓬分享了印象。")
    r = resolve([Extraction(a1, (person(a1, "赛宋蓬·丰威汉", "赛宋蓬·丰威汉"),
                                 person(a1, "赛宋蓬", "赛宋蓬", nth=1)))])
    assert set(persons_of(r)) == {"赛宋蓬·丰威汉"}


def test_typo_beside_the_person_it_means() -> None:
    text = ("当天下午,潘文江拜访日本防卫大臣岩屋毅时强调。范文江建议日本方面继续分享经验。"
            "潘文江上将同意。")
    a1 = art("a1", text)
    r = resolve([Extraction(a1, (person(a1, "潘文江", "潘文江", titles=("上将",)),
                                 person(a1, "岩屋毅", "岩屋毅"),
                                 person(a1, "范文江", "范文江"),
                                 person(a1, "潘文江", "潘文江", nth=1)))])
    people = persons_of(r)
    assert "范文江" not in people and "范文江" in people["潘文江"].aliases


def test_two_people_with_titles_one_character_apart_stay_apart() -> None:
    text = "越南外交部长阮文平会见了老挝副总理阮文明。阮文平表示。阮文平强调。"
    a1 = art("a1", text)
    r = resolve([Extraction(a1, (person(a1, "阮文平", "阮文平", titles=("外交部长",)),
                                 person(a1, "阮文明", "阮文明", titles=("副总理",)),
                                 person(a1, "阮文平", "阮文平", nth=1),
                                 person(a1, "阮文平", "阮文平", nth=2)))])
    assert set(persons_of(r)) == {"阮文平", "阮文明"}


def test_traditional_spelling_is_an_alias_of_one_node() -> None:
    a1 = art("a1", "老挝国会主席赛宋蓬·丰威汉。赛宋蓬·丰威汉表示。")
    a2 = art("a2", "老撾國會主席賽宋蓬‧豐威漢。")
    r = resolve([
        Extraction(a1, (person(a1, "赛宋蓬·丰威汉", "赛宋蓬·丰威汉", country="LA"),
                        person(a1, "赛宋蓬·丰威汉", "赛宋蓬·丰威汉", nth=1, country="LA"))),
        Extraction(a2, (person(a2, "賽宋蓬‧豐威漢", "赛宋蓬·丰威汉", country="LA"),)),
    ])
    (e,) = persons_of(r).values()
    assert e.label == "赛宋蓬·丰威汉" and e.aliases == ("賽宋蓬·豐威漢",)


def test_posts_are_held_as_of_the_article_date() -> None:
    a1 = art("a1", "总参谋长潘文江", date="2019-03-02")
    a2 = art("a2", "国防部长潘文江", date="2026-02-05")
    r = resolve([Extraction(a1, (person(a1, "潘文江", "潘文江", titles=("总参谋长",)),)),
                 Extraction(a2, (person(a2, "潘文江", "潘文江", titles=("国防部长",)),))])
    assert persons_of(r)["潘文江"].posts == (
        Post("总参谋长", "", "2019-03-02", "a1"), Post("国防部长", "", "2026-02-05", "a2"))


def test_country_is_the_most_frequent() -> None:
    a1 = art("a1", "洪森洪森洪森")
    r = resolve([Extraction(a1, (person(a1, "洪森", "洪森", country="KH"),
                                 person(a1, "洪森", "洪森", nth=1, country="KH"),
                                 person(a1, "洪森", "洪森", nth=2, country="VN")))])
    assert persons_of(r)["洪森"].country == "KH"


def test_countries_take_their_label_from_the_lexicon() -> None:
    a1 = art("a1", "对老撾进行访问")
    r = resolve([Extraction(a1, (country(a1, "老撾", "LA"),))])
    (la,) = [e for e in r.entities if e.kind == COUNTRY]
    assert la.key == "LA" and la.label == "老挝" and "老撾" in la.aliases


# --- events --------------------------------------------------------------------------------


def sulin_laos() -> list[Extraction]:
    """苏林's state visit to Laos as told by three teasers of one seed page."""
    src = "000_07f46a5e7c02f47f.txt"
    a1 = art("t1", "应通伦·西苏里的邀请,苏林于2月5日对老挝进行国事访问。", source=src)
    a2 = art("t2", "在2026年2月5日对老挝进行国事访问期间,通伦·西苏里已举行宴会,欢迎苏林。",
             source=src)
    a3 = art("t3", "苏林总书记抵达万象,开始对老挝进行访问。", source=src)
    return [
        Extraction(a1, (person(a1, "通伦·西苏里", "通伦·西苏里", country="LA"),
                        person(a1, "苏林", "苏林", country="VN")),
                   (visit("t1", "苏林", "LA", inviter="通伦·西苏里", start="--02-05",
                          visit_kind="国事访问"),)),
        Extraction(a2, (person(a2, "通伦·西苏里", "通伦·西苏里", country="LA"),
                        person(a2, "苏林", "苏林", country="VN")),
                   (visit("t2", "苏林", "LA", start="2026-02-05", visit_kind="国事访问"),
                    meeting("t2", "苏林", "通伦·西苏里", start="2026-02-05"))),
        Extraction(a3, (person(a3, "苏林", "苏林", country="VN"),),
                   (visit("t3", "苏林", "LA", visit_kind="访问"),)),
    ]


def test_one_visit_node_for_many_reports() -> None:
    r = resolve(sulin_laos())
    (v,) = [e for e in r.events if e.kind == VISIT]
    assert (v.visitor, v.destination, v.inviter, v.start, v.visit_kind) == (
        "苏林", "LA", "通伦·西苏里", "2026-02-05", "国事访问")
    assert v.articles == ("t1", "t2", "t3") and len(v.evidence) == 3
    assert v.key == "visit|苏林|LA|2026-02-05"


def test_same_pair_on_other_dates_is_another_meeting() -> None:
    a1 = art("a1", "2025年9月1日,苏林会见了洪森。")
    a2 = art("a2", "2月6日上午,苏林会见洪森亲王。")
    r = resolve([
        Extraction(a1, (), (meeting("a1", "苏林", "洪森", start="2025-09-01"),)),
        Extraction(a2, (), (meeting("a2", "苏林", "洪森", start="2026-02-06"),)),
    ])
    assert [e.start for e in r.events] == ["2025-09-01", "2026-02-06"]
    assert len({e.key for e in r.events}) == 2


def test_meetings_of_short_forms_merge_and_self_meetings_drop() -> None:
    a1 = art("a1", "詹姆斯·马蒂斯会见吴春历。马蒂斯会见吴春历。")
    r = resolve([Extraction(a1, (person(a1, "詹姆斯·马蒂斯", "詹姆斯·马蒂斯"),
                                 person(a1, "吴春历", "吴春历"),
                                 person(a1, "马蒂斯", "马蒂斯", nth=1),
                                 person(a1, "吴春历", "吴春历", nth=1)),
                            (meeting("a1", "詹姆斯·马蒂斯", "吴春历"),
                             meeting("a1", "马蒂斯", "吴春历"),
                             meeting("a1", "马蒂斯", "詹姆斯·马蒂斯")))])
    assert [e.participants for e in r.events] == [("吴春历", "詹姆斯·马蒂斯")]


def test_order_of_extractions_does_not_matter() -> None:
    exs = sulin_laos()
    first = resolve(exs)
    for seed in range(5):
        shuffled = exs[:]
        random.Random(seed).shuffle(shuffled)
        assert resolve(shuffled) == first


def test_mentions_hold_every_named_entity() -> None:
    r = resolve(sulin_laos())
    assert r.mentions["t1"] == ((COUNTRY, "LA"), (PERSON, "苏林"), (PERSON, "通伦·西苏里"))
    assert (PERSON, "苏林") in r.mentions["t3"]


@pytest.mark.parametrize(("a", "b", "expected"), [
    (("--03-02", "--03-05"), ("--03-04", ""), True),
    (("--02-05", ""), ("2026-02-05", ""), True),
    (("", "--02-05"), ("--02-05", ""), True),
    (("2025-09-01", ""), ("2026-02-06", ""), False),
    (("--02-05", ""), ("--02-06", ""), False),
    (("", ""), ("--02-06", ""), True),
])
def test_dates_compatible(a, b, expected) -> None:
    assert dates_compatible(a, b) is expected


def test_event_key() -> None:
    assert event_key(Event(MEETING, participants=("吴春历", "詹姆斯·马蒂斯"),
                           start="--08-08")) == "meeting|吴春历+詹姆斯·马蒂斯|--08-08"
    assert event_key(Event(VISIT, visitor="阮春福", destination="LA", end="--04-27")) == (
        "visit|阮春福|LA|~--04-27")


def test_across_pages_false_keeps_one_node_per_page() -> None:
    a1 = art("a1", "苏林会见洪森。", source="p1.txt")
    a2 = art("a2", "苏林会见洪森亲王。", source="p2.txt")
    exs = [Extraction(a1, (), (meeting("a1", "苏林", "洪森"),)),
           Extraction(a2, (), (meeting("a2", "苏林", "洪森"),))]
    assert [e.articles for e in resolve(exs).events] == [("a1", "a2")]
    split = resolve(exs, across_pages=False).events
    assert [e.articles for e in split] == [("a1",), ("a2",)]
    assert len({e.key for e in split}) == 2


def test_undated_report_joins_the_meeting_of_its_own_page() -> None:
    a1 = art("a1", "2021年12月2日,王毅同裴青山举行会谈。", source="p009.txt")
    a2 = art("a2", "王毅会见越南外长裴青山", source="p010.txt")
    a3 = art("a3", "当地时间2022年8月4日,王毅应约会见越南外长裴青山。", source="p010.txt")
    r = resolve([Extraction(a1, (), (meeting("a1", "王毅", "裴青山", start="2021-12-02"),)),
                 Extraction(a2, (), (meeting("a2", "王毅", "裴青山"),)),
                 Extraction(a3, (), (meeting("a3", "王毅", "裴青山", start="2022-08-04"),))])
    assert [(e.start, e.articles) for e in r.events] == [
        ("2021-12-02", ("a1",)), ("2022-08-04", ("a2", "a3"))]


def test_undated_report_takes_its_article_date_and_stays_apart_from_older_meetings() -> None:
    a1 = art("a1", "2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。",
             date="2025-09-01", source="p1.txt")
    a2 = art("a2", "苏林会见洪森亲王。", date="2026-02-06", source="p2.txt")
    a3 = art("a3", "苏林昨天会见洪森。", date="2026-02-07", source="p3.txt")
    r = resolve([Extraction(a1, (), (meeting("a1", "苏林", "洪森", start="2025-09-01"),)),
                 Extraction(a2, (), (meeting("a2", "苏林", "洪森"),)),
                 Extraction(a3, (), (meeting("a3", "苏林", "洪森"),))])
    assert [(e.start, e.articles) for e in r.events] == [
        ("2025-09-01", ("a1",)), ("2026-02-06", ("a2", "a3"))]


@pytest.mark.parametrize(("dates", "event_start", "expected"), [
    # the page's header date stands apart from the story: the story takes its year
    (("--12-12", "2023-12-12"), "--12-12", "2023-12-12"),
    # a December story on a page of January takes the year before
    (("--12-30", "2024-01-02"), "--12-30", "2023-12-30"),
    # no full date on the page: the year stays unknown
    (("--12-12", ""), "--12-12", "--12-12"),
])
def test_a_story_without_a_year_takes_its_page_year(dates, event_start, expected) -> None:
    story = art("s0", "习近平抵达河内,对越南进行国事访问。", date=dates[0], source="h.txt")
    header = replace(art("s1", "2023-12-12 21:47:36 来源：新华网", date=dates[1],
                         source="h.txt"), index=1)
    r = resolve([Extraction(story, (), (visit("s0", "习近平", "VN", start=event_start),)),
                 Extraction(header)])
    assert [e.start for e in r.events] == [expected]


def test_a_visit_recalled_months_later_on_another_page_is_not_merged() -> None:
    a1 = art("a1", "文在寅于3月22日至24日对越南进行国事访问。", date="2018-03-22",
             source="p1.txt")
    a2 = art("a2", "文在寅谈到其对越南进行国事访问。", date="--12-07", source="p2.txt")
    r = resolve([Extraction(a1, (), (visit("a1", "文在寅", "VN", start="2018-03-22",
                                           end="2018-03-24", inviter="陈大光"),)),
                 Extraction(a2, (), (visit("a2", "文在寅", "VN"),))])
    assert sorted(e.articles for e in r.events) == [("a1",), ("a2",)]


def test_of_equally_reported_dates_the_narrowest_range_wins() -> None:
    a1 = art("a1", "国家主席习近平将于5月5日至10日对法国、塞尔维亚、匈牙利进行国事访问。"
             "习近平主席将于5月5日至7日访问法国，7日至8日访问塞尔维亚，8日至10日访问匈牙利。",
             date="2024-04-30")
    r = resolve([Extraction(a1, (), (
        visit("a1", "习近平", "HU", start="2024-05-05", end="2024-05-10", planned=True),
        visit("a1", "习近平", "HU", start="2024-05-08", end="2024-05-10", planned=True)))])
    assert [(e.start, e.end) for e in r.events] == [("2024-05-08", "2024-05-10")]


def test_a_surname_printed_beside_the_full_name_is_its_short_form() -> None:
    a1 = art("a1", "岸田文雄首相当地时间16日下午同习近平主席举行会谈。岸田首相要求中方解除禁令。",
             source="h014.txt")
    r = resolve([Extraction(a1, (person(a1, "岸田文雄", "岸田文雄", country="JP", titles=("首相",)),
                                 person(a1, "岸田", "岸田", nth=1, country="JP",
                                        titles=("首相",))))])
    people = persons_of(r)
    assert set(people) == {"岸田文雄"} and "岸田" in people["岸田文雄"].aliases


def test_a_titled_typo_beside_the_same_title_merges() -> None:
    a1 = art("a1", "韩国总统朴槿惠27日下午抵达北京。朴槿惠当天上午乘专机抵达。"
             "朴瑾惠总统在会谈中表示。朴槿惠总统28日将会见李克强。", source="h016.txt")
    r = resolve([Extraction(a1, (
        person(a1, "朴槿惠", "朴槿惠", titles=("总统",)),
        person(a1, "朴槿惠", "朴槿惠", nth=1),
        person(a1, "朴瑾惠", "朴瑾惠", titles=("总统",)),
        person(a1, "朴槿惠", "朴槿惠", nth=2, titles=("总统",))))])
    assert set(persons_of(r)) == {"朴槿惠"}


def test_an_undated_headline_joins_its_story_of_two_days_before() -> None:
    a1 = art("a1", "王毅会见越南外长裴青山", date="2022-08-06", source="p010.txt")
    a2 = replace(art("a2", "当地时间2022年8月4日,王毅应约会见越南外长裴青山。",
                     date="2022-08-06", source="p010.txt"), index=1)
    r = resolve([Extraction(a1, (), (meeting("a1", "王毅", "裴青山"),)),
                 Extraction(a2, (), (meeting("a2", "王毅", "裴青山", start="2022-08-04"),))])
    assert [(e.start, e.articles) for e in r.events] == [("2022-08-04", ("a1", "a2"))]


def test_one_node_per_visit_even_when_a_page_does_not_name_its_inviter() -> None:
    """The design choice: one node per real event (graph contract) wins over keeping the
    inviter off pages that do not name him (a per-page scorer counts him there)."""
    a1 = art("a1", "应柬埔寨国王诺罗敦·西哈莫尼的邀请,苏林开始对柬埔寨进行国事访问。",
             date="2026-02-06", source="p1.txt")
    a2 = art("a2", "苏林抵达金边,开始对柬埔寨进行国事访问。", date="2026-02-06", source="p2.txt")
    r = resolve([
        Extraction(a1, (person(a1, "诺罗敦·西哈莫尼", "诺罗敦·西哈莫尼", country="KH"),
                        person(a1, "苏林", "苏林", country="VN")),
                   (visit("a1", "苏林", "KH", inviter="诺罗敦·西哈莫尼", start="2026-02-06"),)),
        Extraction(a2, (person(a2, "苏林", "苏林", country="VN"),),
                   (visit("a2", "苏林", "KH", start="2026-02-06"),))])
    (v,) = r.events
    assert v.articles == ("a1", "a2") and v.inviter == "诺罗敦·西哈莫尼"
    # the article that does not name him does not mention him
    assert (PERSON, "诺罗敦·西哈莫尼") not in r.mentions["a2"]


def test_mentions_of_other_kinds_change_nothing() -> None:
    """Builds leave title mentions out of resolve's input (MENTION_KINDS) to save memory."""
    from pathlib import Path

    from kg.model import TITLE
    from kg.pipeline import extract_all, read_pages
    from kg.resolve import MENTION_KINDS

    sources = Path(__file__).resolve().parent.parent / "sources"
    full = extract_all(read_pages([sources]), workers=1)
    assert any(m.kind == TITLE for x in full for m in x.mentions)
    lean = [replace(x, mentions=tuple(m for m in x.mentions if m.kind in MENTION_KINDS))
            for x in full]
    assert resolve(lean) == resolve(full)
