"""kg.nlp: script conversion, sentences, the lexicon automaton and the private jieba."""

from __future__ import annotations

import jieba
import pytest

from kg.nlp import (
    DOT,
    best_cover,
    gazetteer,
    is_common_word,
    is_traditional,
    lcut,
    normalize_dots,
    sentences,
    to_simplified,
    tokenizer,
)

TRADITIONAL = [
    ("國家主席阮春福昨(6)日下午在主席府接見了以老撾國會主席賽宋蓬‧豐威漢為團長率領",
     "国家主席阮春福昨(6)日下午在主席府接见了以老挝国会主席赛宋蓬‧丰威汉为团长率领"),
    ("美國國務卿布林肯訪問越南，週六(4月15日)在河內會見越南總理范明政。",
     "美国国务卿布林肯访问越南，周六(4月15日)在河内会见越南总理范明政。"),
    ("新唐人電視台記者劉海英、榮玉綜合報導", "新唐人电视台记者刘海英、荣玉综合报导"),
]


@pytest.mark.parametrize(("trad", "simp"), TRADITIONAL)
def test_to_simplified_keeps_length(trad: str, simp: str) -> None:
    out = to_simplified(trad)
    assert out == simp
    assert len(out) == len(trad)


def test_to_simplified_is_identity_on_simplified() -> None:
    text = "越共中央总书记苏林会见老挝国会主席赛宋蓬·丰威汉。"
    assert to_simplified(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("布林肯訪問越南 盼加深兩國關係", True),
    ("國家主席阮春福接見老撾國會主席", True),
    ("越共中央总书记苏林会见洪森亲王", False),
    ("应日本自卫队统合幕僚长河野克俊的邀请", False),
])
def test_is_traditional(text: str, expected: bool) -> None:
    assert is_traditional(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("通論‧西蘇里", "通論·西蘇里"),
    ("顺通•赛雅佳(Sounthone Sayachac)", "顺通·赛雅佳(Sounthone Sayachac)"),
    ("宋赛・西潘敦", "宋赛·西潘敦"),
    ("增长3.6%", "增长3.6%"),  # a decimal point stays
])
def test_normalize_dots(text: str, expected: str) -> None:
    assert normalize_dots(text) == expected
    assert DOT == "\u00b7"


def test_sentences_cut_and_keep_quotes() -> None:
    text = ("双方一致认为，两国关系日益深入。王毅说：“中越同为社会主义国家！”\n"
            "潘文江上将同意保持交流？  \n\n越通社")
    got = [text[a:b] for a, b in sentences(text)]
    assert got == ["双方一致认为，两国关系日益深入。", "王毅说：“中越同为社会主义国家！”",
                   "潘文江上将同意保持交流？", "越通社"]


def test_sentence_offsets_are_valid() -> None:
    text = "越南与日本防务合作关系日益走向深入\n\n越通社驻日本记者报道。应邀访问!"
    for a, b in sentences(text):
        assert text[a:b].strip() == text[a:b]
        assert text[a:b]


@pytest.mark.parametrize(("text", "words"), [
    ("越南国防部长潘文江会见日本防卫大臣岩屋毅",
     ["越南", "国防部长", "潘文江", "日本", "防卫大臣", "岩屋毅"]),
    ("老挝人民民主共和国主席通伦·西苏里", ["老挝人民民主共和国", "主席", "通伦·西苏里"]),
    ("越共中央委员、中央军委常委、总参谋长", ["越共", "中央委员", "中央军委", "常委", "总参谋长"]),
    ("应日本自卫队统合幕僚长河野克俊的邀请", ["日本自卫队", "统合幕僚长"]),
])
def test_gazetteer_longest_cover(text: str, words: list[str]) -> None:
    assert [m.word for m in gazetteer().longest(text)] == words


def test_best_cover_prefers_full_coverage() -> None:
    from kg.nlp import Match

    ms = [Match(0, 5, "越南国防部", ()), Match(0, 2, "越南", ()), Match(2, 6, "国防部长", ())]
    assert [m.word for m in best_cover(ms)] == ["越南", "国防部长"]


def test_tokenizer_is_private_and_lexicon_aware() -> None:
    tk = tokenizer()
    assert tk is not jieba.dt and tk is tokenizer()
    words = tk.lcut("统合幕僚长河野克俊(KatsutoshiKawano)的邀请")
    assert words[0] == "统合幕僚长"
    assert "长河" not in words and "野克俊" not in words
    assert "国防部副部长" in "".join(lcut("国防部副部长潘文江率领"))
    assert "国务委员" in lcut("国务委员兼外长王毅")


@pytest.mark.parametrize(("word", "common"), [
    ("祝贺", True), ("高度", True), ("表示", True), ("潘文", False), ("苏林", False),
])
def test_is_common_word(word: str, common: bool) -> None:
    assert is_common_word(word) is common


@pytest.mark.parametrize("module", ["kg.nlp", "kg.mentions"])
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("word", "plain", "name"), [
    ("智库", True, False),  # a noun: no name
    ("主席国", True, False),
    ("彭丽媛", False, True),  # tagged as a person's name
    ("拜登", False, True),
    ("普京", False, False),  # tagged as a place by jieba: neither
    ("蔡奇", False, False),  # not in jieba's dictionary
])
def test_jieba_word_classes(word: str, plain: bool, name: bool) -> None:
    from kg.nlp import is_name_word, is_plain_word

    assert (is_plain_word(word), is_name_word(word)) == (plain, name)


@pytest.mark.parametrize("text", [
    "越南国防部长会见日本防卫大臣", "a越南b国防部长", "𠀀越南国防部长𠀀日本", "",
    "越共中央委员、中央军委常委、总参谋长、国防部副部长潘文江", "ＡＢ越南\u3000老挝·柬埔寨",
])
def test_gazetteer_hits_equal_the_plain_automaton(text: str) -> None:
    g = gazetteer()
    plain = [(end + 1 - len(w), end + 1, w, e, k) for end, (w, e, k) in g.automaton.iter(text)]
    assert g.hits(text) == plain


def test_jieba_dictionary_cache_equals_jieba() -> None:
    from kg.nlp import _jieba_dictionary, _read_word_tags

    tk = jieba.Tokenizer()
    tk.initialize()
    freq, total, plain, names = _jieba_dictionary()
    assert (freq, total) == (tk.FREQ, tk.total)
    assert (plain, names) == _read_word_tags()
