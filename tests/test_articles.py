"""Articles: the seed pages cut into the right stories, noise gone, facts kept, dates, script."""
# ruff: noqa: E501 - the tables hold whole Chinese sentences from the pages, wider than a line

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.articles import article_id, clean_paragraph, detect_script, load_noise, split_page
from kg.model import Page
from kg.sources import read_sources

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "sources"
SEED_000 = "000_07f46a5e7c02f47f.txt"
SEED_002 = "002_6b6760b802839743.txt"


@pytest.fixture(scope="module")
def pages() -> dict[str, Page]:
    return {p.path: p for p in read_sources([SOURCES]) if isinstance(p, Page)}


@pytest.fixture(scope="module")
def split(pages):
    return {path: split_page(page) for path, page in pages.items()}


# --- the seed pages: one article per story --------------------------------------------------

TITLES_000 = [
    "越南与日本防务合作关系日益走向深入",
    "苏林总书记出席越老合作文件交换仪式",
    "为越老经济合作注入新生动力",
    "柬埔寨媒体强调越南一贯的对外政策",
    "苏林总书记抵达万象,开始对老挝进行国事访问",
    "越共中央总书记苏林启程对老挝进行国事访问",
    "从决议到实践:基于坚实基础的突破性愿景",
    "苏林总书记访柬为越柬友谊掀开新篇章",
    "谱写越柬牢固友谊的新篇章",
]

TITLES_002 = [
    "越南国防部长对美国进行正式访问",
    "越南与澳大利亚加大防务合作力度",  # a bracketed link to another story inside the main one
    "推动越南与蒙古全面伙伴关系不断强劲发展",
    "促进越南与阿尔及利亚经济合作",
    "越南与柬埔寨:开启紧密深广合作新阶段",
    "越共中央总书记苏林会见洪森亲王",
    "越共中央总书记苏林开始对柬埔寨王国进行国事访问",
    "越南与中国合作开设救护车“绿色通道”",
    "老挝举行隆重宴会欢迎越共中央总书记苏林一行访老",
    "苏林总书记对老挝的国事访问圆满结束",
    "苏林总书记会见老挝建国阵线主席",
    "越老公安部加强打击跨国犯罪的合作",
    "越南与老挝促进能源合作及落实高层任务",
    "越老两国国防部加强合作",
]


@pytest.mark.parametrize(("path", "titles"), [(SEED_000, TITLES_000), (SEED_002, TITLES_002)])
def test_seed_pages_split_into_their_stories(split, path, titles):
    articles = split[path]
    assert [a.title for a in articles] == titles
    assert [a.index for a in articles] == list(range(len(titles)))
    assert all(a.source_file == path for a in articles)


@pytest.mark.parametrize(("path", "index", "first", "last"), [
    (SEED_000, 1, "越南教育培训部与老挝教育体育部领导交换在老挝人民民主共和国开办越南大学的谅解备忘录。",
     "为巩固和加强越老之间的伟大友谊、特殊团结、全面合作与战略对接作出贡献。"),
    (SEED_000, 7, "2025年9月1日,越共中央总书记苏林在党中央驻地会见了率团赴越出席",
     "并共同主持越南-柬埔寨-老挝三国政党领导人会晤。"),
    # the caption is printed again inside the lead: one copy, the fuller, stays
    (SEED_000, 8, "谱写越柬牢固友谊的新篇章", "分享了关于此次访问的重要意义及期待。"),
    (SEED_002, 5, "越共中央总书记苏林会见洪森亲王。", "陪同苏林总书记访问的有政府总理范明政、国会主席陈青敏。"),
    (SEED_002, 13, "双方代表合影。", "国防部长坎良·乌塔凯山大将。"),
])
def test_teaser_is_caption_headline_lead(split, path, index, first, last):
    article = split[path][index]
    lines = article.text.split("\n")
    assert lines[0].startswith(first)
    assert article.title in lines
    assert lines[-1].endswith(last)


def test_teaser_offsets_cover_caption_headline_and_lead(pages, split):
    page = pages[SEED_002]
    article = split[SEED_002][5]
    span = page.text[article.start:article.end]
    assert span.startswith("越共中央总书记苏林会见洪森亲王。图自越通社")
    assert span.endswith("陪同苏林总书记访问的有政府总理范明政、国会主席陈青敏。")


def test_main_article_stops_before_more(split):
    main = split[SEED_000][0]
    assert "更多" not in main.text.split("\n")
    assert main.text.endswith("访问期间,潘文江上将造访木更津基地,同越南驻日大使馆干部进行交谈。")
    assert "苏林" not in main.text


# --- noise removed, facts kept ----------------------------------------------------------------

NOISE = ["ảnh", "图自越通社", "图片来源", "越通社V——VNA", "越通社-VNA", "Download on the",
         "App Store", "首页 >", "查看原文", "相關文章", "評論", "长按二维码", "Video Mini Program",
         "轻点两下", "编辑 | 刘上靖", "综合报导", "綜合報導", "返回顶部", "您即将离开", "继续访问放弃",
         "发表评论", "电子邮箱", "梅英 编译", "彦创 摄", "方 喆摄", "(图:政府网站)", "屏幕截图",
         "点此查看未经处理的缓存", "更多新闻", "date 2026"]


@pytest.mark.parametrize("junk", NOISE)
def test_noise_is_gone_from_every_dev_page(split, junk):
    for path, articles in split.items():
        for article in articles:
            assert junk not in article.text, (path, article.index)
            assert junk not in article.title


@pytest.mark.parametrize("line", ["越通社", "更多", "其他", "/", "姓名", "验证", "评论"])
def test_junk_lines_are_gone(split, line):
    for articles in split.values():
        for article in articles:
            assert line not in article.text.split("\n")


FACTS = [
    (SEED_000, 0, "潘文江同日本自卫队统合幕僚长河野克俊亲切握手"),  # a caption with a meeting
    (SEED_000, 0, "当天下午,潘文江拜访 日本防卫大臣岩屋毅(Takeshi Iwaya)时强调"),
    (SEED_000, 0, "范文江建议日本方面继续分享预防自燃灾害"),
    (SEED_000, 3, "《高棉时报》刊登的文章。"),  # the caption stays, its 屏幕截图 label goes
    (SEED_002, 0, "越南与美国加强防务合作。"),
    (SEED_002, 0, "欢迎仪式后,两国防长举行了会谈。"),
    (SEED_002, 0, "当天下午,吴春历大将造访了美国海岸警卫队司令部。"),
    (SEED_002, 8, "越共中央总书记苏林同通伦·西苏里共同进行老挝传统拴线仪式。"),
    ("p013.txt", 0, "越南国家主席陈大光(右)会见俄罗斯联邦外交部部长谢尔盖·拉夫罗夫。"),
    ("p017.txt", 0, "柬埔寨首相洪森和政府总理阮春福(左)"),
    ("p017.txt", 0, "下午将分别会见越共中央总书记阮富仲、国家主席陈大光、国会主席阮氏金银等。"),
    ("p025.txt", 0, "布林肯隨後將轉赴日本,週日(16日)參加七國集團(G7)的外長會議。"),
    ("p028.txt", 0, "越南国家主席陈大光和韩国总统文在寅共同主持记者会。"),
    ("p041.txt", 0, "越共中央总书记苏林会见老挝国会主席赛宋蓬·丰威汉。"),
    ("p061.txt", 0, "4月29日上午,国务委员兼国防部长魏凤和同越南国防部长吴春历通电话。"),
    ("p067.txt", 0, "本报北京12月12日电 (记者王俊岭)记者12日从海关总署获悉"),
    ("p067.txt", 0, "在国家会展中心(上海)第六届进博会国家展越南展台,参展观众在了解越南当地的特色产品。"),
]


@pytest.mark.parametrize(("path", "index", "fact"), FACTS)
def test_facts_are_kept(split, path, index, fact):
    assert fact in split[path][index].text


@pytest.mark.parametrize(("path", "lead"), [
    (SEED_000, "应日本自卫队统合幕僚长河野克俊(KatsutoshiKawano)的邀请,由越共中央委员"),
    (SEED_002, "邀请,从8月7日至10日,越共中央政治局委员、中央军委副书记、国防部部长吴春历大将"),
    ("p013.txt", "3月23日下午在主席府,越南国家主席陈大光会见应越南政府副总理兼外交部长范平明的邀请"),
    ("p018.txt", "柬埔寨王国政府高级代表团于2016年12月20日至21日对越南社会主义共和国进行正式访问"),
    ("p038.txt", "越南外交部代理部长黎怀忠会见中国驻越南大使何炜。"),
    ("p044.txt", "越南国会主席王廷惠向占巴塞寄宿制学校优秀学生送上慰问品。"),
])
def test_lead_or_caption_printed_twice_is_kept_once(split, path, lead):
    assert split[path][0].text.count(lead) == 1


@pytest.mark.parametrize(("path", "title"), [
    (SEED_000, "越南与日本防务合作关系日益走向深入"),
    ("p013.txt", "国家主席陈大光会见俄罗斯联邦外交部部长谢尔盖·拉夫罗夫"),
    ("p045.txt", "國家主席阮春福接見老撾國會主席"),
])
def test_title_is_the_first_line_and_printed_once(split, path, title):
    main = split[path][0]
    assert main.title == title
    lines = main.text.split("\n")
    assert lines[0] == title and lines.count(title) == 1


# --- pages of other outlets ----------------------------------------------------------------------

@pytest.mark.parametrize(("path", "title"), [
    ("p002.txt", ""),  # starts with app-store lines, then the body: no headline printed
    ("p009.txt", "王毅同越南外长裴青山举行会谈"),  # after the breadcrumb
    ("p061.txt", "魏凤和同越南国防部长通电话"),  # after WeChat's 查看原文 / 其他
    ("p067.txt", ""),  # opens with a photo caption
    ("p041.txt", ""),
])
def test_main_titles_of_other_outlets(split, path, title):
    assert split[path][0].title == title


def test_headline_list_becomes_one_story_per_headline(split):
    articles = split["p045.txt"]
    assert articles[0].title == "國家主席阮春福接見老撾國會主席"
    titles = [a.title for a in articles[1:]]
    assert "苏林总书记圆满结束对柬埔寨王国的国事访问" in titles
    assert "推动越中两国边境地方合作走深走实" in titles
    assert all(a.text == a.title for a in articles[1:])
    assert not any("苏林" in a for a in articles[0].text.split("\n"))


def test_every_page_has_a_main_article(split):
    for path, articles in split.items():
        assert articles and articles[0].index == 0 and len(articles[0].text) > 100, path


# --- dates ---------------------------------------------------------------------------------------

DATES = [
    (SEED_000, 0, "--03-02"),  # first date of the story; no year in the page
    (SEED_000, 1, "--02-05"),
    (SEED_000, 3, "--02-06"),
    (SEED_000, 6, "2026-02-03"),  # only a bracketed range: its latest date
    (SEED_000, 7, "2025-09-01"),  # a full date in the story's own text
    (SEED_000, 8, ""),
    (SEED_002, 8, "2026-02-05"),
    (SEED_002, 12, "--02-04"),
    ("p005.txt", 0, "2024-09-14"),  # date line under the title
    ("p009.txt", 0, "2021-12-02"),
    ("p010.txt", 0, "2022-08-05"),
    ("p017.txt", 0, "2016-12-20"),  # 星期二, 20/12/2016 14:48
    ("p025.txt", 0, "2023-04-15"),  # 【新唐人北京時間2023年04月15日訊】
    ("p041.txt", 0, "2026-02-05"),  # " date 2026-02-05" scraper prefix
    ("p053.txt", 0, "2025-10-23"),
    ("p067.txt", 0, "--12-12"),  # 本报北京12月12日电
    ("p069.txt", 0, "2015-08-21"),  # from the page's URL in the manifest
    ("p045.txt", 0, ""),  # 昨(6)日 with no month anywhere
]


@pytest.mark.parametrize(("path", "index", "date"), DATES)
def test_story_dates(split, path, index, date):
    assert split[path][index].date == date


def test_page_date_gives_the_year_to_a_story_month_day():
    page = Page(path="x.txt", date="2026-02-07",
                text="苏林会见洪森\n\n2月6日上午,越共中央总书记苏林会见洪森。")
    assert split_page(page)[0].date == "2026-02-06"
    page = Page(path="x.txt", date="2026-01-03", text="苏林会见洪森\n\n12月30日,苏林会见洪森。")
    assert split_page(page)[0].date == "2025-12-30"


def test_page_date_when_the_story_has_none():
    page = Page(path="x.txt", date="2026-02-07", text="苏林会见洪森\n\n越共中央总书记苏林会见洪森。")
    assert split_page(page)[0].date == "2026-02-07"


# --- script, ids, metadata -------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "index", "script"), [
    ("p025.txt", 0, "traditional"), ("p045.txt", 0, "traditional"),
    ("p045.txt", 1, "simplified"), (SEED_000, 0, "simplified"), ("p009.txt", 0, "simplified"),
])
def test_script(split, path, index, script):
    assert split[path][index].script == script


@pytest.mark.parametrize(("text", "script"), [
    ("布林肯訪問越南 盼加深兩國關係", "traditional"),
    ("布林肯访问越南 盼加深两国关系", "simplified"),
    ("Blinken visits Vietnam", "simplified"),
    ("", "simplified"),
    ("乾隆", "simplified"),  # one character t2s would change is no proof
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_ids_are_stable_unique_and_short(split, pages):
    seen = set()
    for path, articles in split.items():
        again = split_page(pages[path])
        assert [a.id for a in articles] == [a.id for a in again]
        for a in articles:
            assert re.fullmatch(r"[0-9a-f]{16}", a.id)
            assert a.id == article_id(path, a.index)
            seen.add(a.id)
    assert len(seen) == sum(len(v) for v in split.values())


def test_url_and_outlet_come_from_the_page(split):
    for a in split["p025.txt"]:
        assert a.outlet == "ntdtv.com (NTD Television)"
        assert a.url == "https://www.ntdtv.com/b5/2023/04/15/a103691500.html"


# --- offsets: cleaning only deletes -----------------------------------------------------------------

def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def _letters(s: str) -> str:
    return "".join(c for c in s if not c.isspace())


def test_article_text_is_a_subsequence_of_its_span(pages, split):
    for path, articles in split.items():
        text = pages[path].text
        for a in articles:
            assert 0 <= a.start <= a.end <= len(text)
            assert _is_subsequence(_letters(a.text), _letters(text[a.start:a.end])), (path, a.index)
            if a.title:
                assert a.title in a.text


def test_spans_of_full_stories_do_not_overlap(split):
    for articles in split.values():
        spans = sorted((a.start, a.end) for a in articles if a.text != a.title)
        assert all(x[1] <= y[0] for x, y in zip(spans, spans[1:], strict=False))


# --- noise table, paragraph cleaning ------------------------------------------------------------

@pytest.mark.parametrize(("raw", "titles", "expected"), [
    ("越南与日本防务合作关系日益走向深入 ảnh 1潘文江同日本自卫队统合幕僚长河野克俊亲切握手 图自越通社",
     ("越南与日本防务合作关系日益走向深入",), ("潘文江同日本自卫队统合幕僚长河野克俊亲切握手", True)),
    ("國家主席阮春福接見老撾國會主席 ảnh 1", ("國家主席阮春福接見老撾國會主席",), ("", False)),
    ("越南国家主席陈大光和韩国总统文在寅共同主持记者会。越通社记者 彦创 摄", (),
     ("越南国家主席陈大光和韩国总统文在寅共同主持记者会。", True)),
    ("越南外交部代理部长黎怀忠会见中国驻越南大使何炜。(图片来源:baochinhphu.vn)", (),
     ("越南外交部代理部长黎怀忠会见中国驻越南大使何炜。", True)),
    ("越共中央总书记苏林同通伦·西苏里共同进行老挝传统拴线仪式。 图片来源:越通社", (),
     ("越共中央总书记苏林同通伦·西苏里共同进行老挝传统拴线仪式。", True)),
    ("柬埔寨首相洪森和政府总理阮春福(左)(图:政府网站)", (), ("柬埔寨首相洪森和政府总理阮春福(左)", True)),
    ("访问期间,潘文江上将造访木更津基地,同越南驻日大使馆干部进行交谈。(越通社V——VNA)", (),
     ("访问期间,潘文江上将造访木更津基地,同越南驻日大使馆干部进行交谈。", False)),
    # a sentence that ends like a credit but is none stays whole
    ("越南旅游宣传片在日本拍摄", (), ("越南旅游宣传片在日本拍摄", False)),
    ("他说,这些照片是记者拍摄的。", (), ("他说,这些照片是记者拍摄的。", False)),
])
def test_clean_paragraph(raw, titles, expected):
    assert clean_paragraph(raw, load_noise(), titles) == expected


@pytest.mark.parametrize(("line", "junk"), [
    ("Download on the", True), ("App Store", True), ("首页 > 外交部长活动", True),
    ("查看原文", True), ("相關文章", False), ("評論", True), ("编辑 | 刘上靖", True),
    ("新唐人電視台記者劉海英、榮玉綜合報導", True), ("梅英 编译", True),
    ("长按二维码关注我", True), (": . Video Mini Program Like ,轻点两下取消赞 Wow ,轻点两下取消在看", True),
    ("本网站使用Cookie以改善您的浏览体验，继续浏览即表示您同意我们的Cookie政策。", True),
    ("We use cookies to improve your experience. Accept all cookies", True),
    ("Accept all", True), ("版权所有 © 越通社", True),
    ("分享到：微信 微博 QQ空间", True), ("【字体：大 中 小】", True), ("【打印】【关闭】", True),
    ("扫一扫在手机打开当前页", True), ("本文来源：新华网", True), ("【责任编辑：张三】", True),
    ("Tags: 越南 老挝", True), ("Share this article", True), ("Chia sẻ", True), ("越通社—VNA", True),
    ("原标题：苏林会见洪森", False), ("微信公众号发布了这条消息。", False), ("中方同意越方的建议", False),
    # real sentences are never junk
    ("越通社驻日本记者报道,应日本自卫队统合幕僚长河野克俊的邀请,潘文江对日本进行正式访问。", False),
    ("王毅同越南外长裴青山举行会谈", False), ("2021-12-02 22:51", False),
    ("其他国家领导人也出席了会议。", False), ("越南接受了这一邀请。", False),
])
def test_line_noise_table(line, junk):
    assert load_noise().is_line_noise(line) is junk


@pytest.mark.parametrize(("line", "more"), [
    ("更多", True), ("更多新闻", True), ("相關文章", True), ("相关新闻", True),
    ("您可能也对以下帖子感兴趣", True), ("Related news", True), ("相关稿件", True),
    ("点击排行", True), ("Tin liên quan", True),
    ("更多合作", False), ("双方同意推动更多务实合作。", False),
])
def test_more_markers(line, more):
    assert load_noise().is_more(line) is more


def test_noise_table_has_header_comments():
    head = (REPO / "ontology" / "lexicon" / "noise.tsv").read_text(encoding="utf-8").split("\n")
    comments = [line for line in head if line.startswith("#")]
    assert any("Source" in c for c in comments)
    assert any("Format" in c for c in comments)
    assert any("Gaps" in c for c in comments)


# --- small cases -------------------------------------------------------------------------------

def test_empty_and_junk_only_pages_give_no_article():
    assert split_page(Page(path="e.txt", text="")) == []
    assert split_page(Page(path="j.txt", text="Download on the\nApp Store\n\n返回顶部\n")) == []


def test_teasers_without_captions_are_headline_then_lead():
    text = ("王毅会见裴青山\n\n王毅在北京会见越南外长裴青山。\n\n相关新闻\n\n"
            "魏凤和同吴春历通电话\n\n4月29日上午,魏凤和同吴春历通电话。\n\n"
            "梁强会见拉马福萨\n\n10月23日下午,梁强会见拉马福萨。")
    articles = split_page(Page(path="t.txt", text=text))
    assert [(a.title, a.date) for a in articles] == [
        ("王毅会见裴青山", ""), ("魏凤和同吴春历通电话", "--04-29"), ("梁强会见拉马福萨", "--10-23")]


def test_page_title_from_metadata_wins():
    page = Page(path="h.html", title="苏林会见洪森", text="苏林会见洪森\n越共中央总书记苏林会见洪森。")
    (article,) = split_page(page)
    assert article.title == "苏林会见洪森"
    assert article.text == "苏林会见洪森\n越共中央总书记苏林会见洪森。"


def test_docstring_examples_run():
    import doctest

    import kg.articles

    result = doctest.testmod(kg.articles, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_headline_lists_one_a_line_around_the_story():
    text = ("首页\n国际新闻\n苏林会见洪森\n范明政访问老挝\n王毅会见裴青山\n\n"
            "2月6日,越共中央总书记苏林在金边会见洪森。\n双方同意加强合作。\n\n"
            "热门\n梁强会见拉马福萨\n魏凤和同吴春历通电话\n")
    articles = split_page(Page(path="m.txt", text=text))
    assert articles[0].title == "王毅会见裴青山"
    assert articles[0].text == "王毅会见裴青山\n2月6日,越共中央总书记苏林在金边会见洪森。\n双方同意加强合作。"
    assert [a.title for a in articles[1:]] == [
        "国际新闻", "苏林会见洪森", "范明政访问老挝", "梁强会见拉马福萨", "魏凤和同吴春历通电话"]
    assert all(a.text == a.title for a in articles[1:])


def test_two_headlines_before_the_story_stay_in_it():
    text = "越南国防部长对美国进行正式访问\n\n越南与美国加强防务合作\n\n8月8日上午,两国防长举行了会谈。"
    (article,) = split_page(Page(path="k.txt", text=text))
    assert article.title == "越南国防部长对美国进行正式访问"
    assert "越南与美国加强防务合作" in article.text


def test_a_caption_and_a_cut_off_line_at_the_end_stay_in_the_story():
    text = ("苏林会见洪森\n\n2月6日,越共中央总书记苏林在金边会见洪森。\n\n"
            "越共中央总书记苏林会见洪森亲王\n\n双方同意加强议员友好小组、国会女性代表小组和青年国会代")
    (article,) = split_page(Page(path="c.txt", text=text))
    assert article.text.endswith("双方同意加强议员友好小组、国会女性代表小组和青年国会代")


# --- header date lines, copyright years (second held-out set) -------------------------------------

HEADER_DATES = [
    # the header date line after the title: the story's date, not a story of its own
    ("新华网 > 时政 > 正文\n\n习近平分别同中亚五国元首举行会谈\n\n2023-05-18 23:10:42 来源：新华社\n\n"
     "新华社西安5月18日电 5月17日至18日，国家主席习近平同托卡耶夫举行会谈。",
     "习近平分别同中亚五国元首举行会谈", "2023-05-18"),
    # before the title, with a time; the story's first month-day is an earlier visit
    ("NHK WORLD-JAPAN 中文 ｜新聞｜日本與世界｜災害資訊｜節目｜繁體｜简体\n2023年5月7日 19時30分\n\n"
     "岸田首相訪韓與尹錫悅舉行首腦會談\n\n日本首相岸田文雄7日抵達韓國首爾。\n\n"
     "韓國總統尹錫悅曾於3月16日至17日訪問日本。",
     "岸田首相訪韓與尹錫悅舉行首腦會談", "2023-05-07"),
    # with a weekday
    ("明報新聞網  每日明報 > 要聞\n2023年7月25日星期二\n\n李家超晤李顯龍 冀港星加強金融科技合作\n\n"
     "【明報專訊】行政長官李家超昨（24日）在新加坡總統府與新加坡總理李顯龍會面。",
     "李家超晤李顯龍 冀港星加強金融科技合作", "2023-07-25"),
    # no date but the copyright footer's year
    ("宏都拉斯總統卡斯楚訪華\n\n卡斯楚應習近平邀請，於6月9日至14日對中國進行國事訪問。\n\n"
     "© 2023 Deutsche Welle | 隱私聲明", "宏都拉斯總統卡斯楚訪華", "2023-06-09"),
]


@pytest.mark.parametrize(("text", "title", "date"), HEADER_DATES)
def test_header_date_line_dates_the_main_story(text, title, date):
    arts = split_page(Page(path="x.txt", text=text))
    assert (arts[0].title, arts[0].date) == (title, date)
    assert not any(re.fullmatch(r"[\d年月日星期二\s:：-]+.*来源.*|[\d年月日時分星期二\s:-]+", a.title)
                   for a in arts)


def test_main_story_takes_the_page_date_not_an_announced_date():
    page = Page(path="x.txt", date="2019-02-28",
                text="越美峰会\n\n美國總統川普將於3月1日至2日訪問越南。")
    assert split_page(page)[0].date == "2019-02-28"


@pytest.mark.parametrize(("line", "junk"), [
    ("新华网 > 时政 > 正文", True),  # breadcrumb starting with the site name
    ("明報新聞網  每日明報 > 要聞", True),
    ("DW 德國之聲 中文 | 主題 | 中國 | 台灣 | 香港 | 國際 | 經濟 | 簡體", True),  # pipe menu
    ("星洲网 Sin Chew Daily  首页 | 国内 | 国际 | 财经 | 言路 | 娱乐 | 体育 | 地方", True),
    ("Login | 订阅", True),
    ("习近平：支持宏方「坚定选择」", False),
    ("中蒙元首会谈：呼日勒苏赫称蒙古愿参与“中蒙俄经济走廊”建设", False),
])
def test_menu_lines_are_noise(line, junk):
    assert load_noise().is_line_noise(line) == junk


@pytest.mark.parametrize("marker", ["延伸阅读：", "相关新闻：", "【相关新闻】", "更多新闻 >>", "相關新聞"])
def test_more_markers_in_brackets_or_with_a_colon(marker):
    assert load_noise().is_more(marker)


def test_screening_never_skips_a_pattern_that_matches():
    """The character screen (a speed-up) only skips patterns that cannot match: any text a
    noise pattern matches keeps that pattern among the candidates, whatever its case."""
    noise = load_noise()
    groups = (noise.photo, noise.inline, noise.credit)
    pieces = ["COOKIES", "Cookie", "\u212a", "ALL RIGHTS RESERVED", "Download on the App Store",
              "新华网 > 时政", "首页 | 国内 | 国际 | 财经", "越通社记者 彦创 摄", "(图片来源:越通社)",
              "ảnh 1", "(完)", "（越通社—VNA）", "图自越通社", "GMT+7", "2023年", "正文"]
    texts = [a + b for a in pieces for b in pieces] + pieces
    for text in texts:
        candidates = noise._cleaning.candidates(text)
        for group, kept in zip(groups, candidates, strict=True):
            for p in group:
                assert not p.search(text) or p in kept, (p.pattern, text)
        quick, screen = noise._line_tests
        for p in screen.groups[0]:
            assert not p.fullmatch(text) or p in screen.candidates(text)[0], (p.pattern, text)
