"""The lexicon data files: headers, columns, and the facts the mention stage relies on."""

from __future__ import annotations

import pytest

from kg.lexicon import Lexicon, ontology_dir

MINE = {
    "countries": ["iso", "zh", "zh_hant", "en", "names", "abbr", "en_official"],
    "country_aliases": ["iso", "names", "abbr"],
    "places": ["name", "aliases", "country", "kind"],
    "cities": ["name", "aliases", "country"],
    "titles": ["word", "kind", "after", "en"],
    "ranks": ["word", "kind", "en"],
    "organizations": ["name", "aliases", "country", "kind", "en"],
    "persons": ["name", "aliases", "latin", "country", "role"],
    "surnames": ["surname", "origin"],
    "translit_chars": ["chars", "note"],
    "name_stopwords": ["word", "side"],
    "name_rules": ["rule", "kind", "value", "note"],
}


@pytest.mark.parametrize("name", sorted(MINE))
def test_header_and_columns(name: str) -> None:
    path = ontology_dir() / "lexicon" / f"{name}.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [x for x in lines[:15] if x.startswith("#")]
    text = "\n".join(comments)
    for word in ("Source", "Format", "Gaps"):
        assert word in text, f"{name}.tsv header lacks {word}"
    rows = Lexicon.load().table(name)
    assert rows, name
    assert list(rows[0]) == MINE[name]


@pytest.mark.parametrize(("iso", "zh", "names"), [
    ("VN", "越南", ["越南社会主义共和国"]),
    ("LA", "老挝", ["老挝人民民主共和国", "寮國", "老撾"]),
    ("KH", "柬埔寨", ["柬埔寨王国"]),
    ("KR", "韩国", ["大韩民国", "南韓"]),
    ("US", "美国", ["美利坚合众国", "美國"]),
    ("MN", "蒙古", ["蒙古国"]),
    ("ZA", "南非", ["南非共和国"]),
])
def test_countries_generated(iso: str, zh: str, names: list[str]) -> None:
    rows = {r["iso"]: r for r in Lexicon.load().table("countries")}
    assert rows[iso]["zh"] == zh
    for n in names:
        assert n in rows[iso]["names"].split("|")


def test_countries_have_iso_codes_and_abbreviations() -> None:
    rows = Lexicon.load().table("countries")
    assert len(rows) > 240
    assert all(len(r["iso"]) == 2 and r["iso"].isupper() for r in rows)
    abbr = {r["iso"]: r["abbr"].split("|") for r in rows if r["abbr"]}
    assert abbr["VN"] == ["越"] and "中" in abbr["CN"] and "老" in abbr["LA"]


def test_titles_and_ranks() -> None:
    lex = Lexicon.load()
    titles = {r["word"]: r for r in lex.table("titles")}
    for w in ("总书记", "国家主席", "总理", "政府总理", "国会主席", "外长", "外交部长", "国防部长",
              "部长", "副部长", "总参谋长", "统合幕僚长", "防卫大臣", "大使", "驻华大使",
              "国务委员", "主席", "国王", "亲王", "首相", "总统", "国务卿"):
        assert w in titles, w
    assert titles["记者"]["kind"] == "media"
    ranks = {r["word"]: r["kind"] for r in lex.table("ranks")}
    assert all(ranks[w] == "rank" for w in ("大将", "上将", "中将", "少将"))
    assert {ranks[w] for w in ("拿督斯里", "丹斯里", "拿督")} == {"prefix"}
    assert ranks["东姑"] == "name_prefix"  # printed as part of the name: 东姑扎夫鲁
    assert set(ranks.values()) <= {"rank", "honorific", "prefix", "name_prefix"}
    for w in ("室长", "台长", "总监", "创办人", "教练", "导演", "选手"):
        assert w in titles, w


def test_name_rules_classes() -> None:
    rules = {r["rule"]: r for r in Lexicon.load().table("name_rules")}
    for rule in ("never_in_name", "never_at_edge", "not_name_end", "title_compound",
                 "place_suffix", "weak_cues", "conjunctions", "generation_prefix",
                 "prefix_chars", "prepositions"):
        assert rules[rule]["value"], rule
        assert rules[rule]["kind"] in ("chars", "words")
    assert "国" in rules["title_compound"]["value"]  # 轮值主席国
    assert "镇" not in rules["not_name_end"]["value"]  # 张虎镇


def test_persons_gazetteer_is_small_general_knowledge() -> None:
    rows = Lexicon.load().table("persons")
    assert 30 < len(rows) < 400
    assert all(r["country"] == "" or len(r["country"]) == 2 for r in rows)


def test_places_and_organizations_have_countries() -> None:
    lex = Lexicon.load()
    places = {r["name"]: r["country"] for r in lex.table("places")}
    assert places["河内"] == "VN" and places["万象"] == "LA" and places["金边"] == "KH"
    orgs = {r["name"]: r for r in lex.table("organizations")}
    assert orgs["越共中央"]["country"] == "VN"
    assert orgs["日本自卫队"]["country"] == "JP"
    assert orgs["东盟地区论坛"]["kind"] == "international"


def test_countries_table_is_what_the_generator_makes(tmp_path) -> None:
    pytest.importorskip("babel")
    pytest.importorskip("pycountry")
    import importlib.util

    path = ontology_dir() / "make_countries.py"
    spec = importlib.util.spec_from_file_location("make_countries", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path / "countries.tsv"
    module.main(out)
    committed = (ontology_dir() / "lexicon" / "countries.tsv").read_text(encoding="utf-8")
    data = [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")]
    assert data == [x for x in committed.splitlines() if not x.startswith("#")]


def test_cities_are_what_the_generator_makes(tmp_path) -> None:
    pytest.importorskip("babel")
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_countries", ontology_dir() / "make_countries.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path / "cities.tsv"
    mod.cities(out)
    def data(text: str) -> list[str]:
        return [x for x in text.splitlines() if not x.startswith("#")]

    assert data(out.read_text(encoding="utf-8")) == data(
        (ontology_dir() / "lexicon" / "cities.tsv").read_text(encoding="utf-8"))
    rows = {r["name"]: r["country"] for r in Lexicon.load().table("cities")}
    assert rows["布达佩斯"] == "HU" and rows["贝尔格莱德"] == "RS"
    assert "达尔文" not in rows and "新加坡" not in rows  # a person's name; a country
    places = {r["name"]: r for r in Lexicon.load().table("places")}
    assert "華府" in places["华盛顿"]["aliases"]  # Washington in Taiwanese and HK papers
