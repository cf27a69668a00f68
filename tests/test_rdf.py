"""The RDF stage: the documented shape, isomorphic to a hand-written graph, byte-stable Turtle."""

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.model import Article, Entity, Event, Evidence, Post, Resolved
from kg.rdf import count, date_literal, to_graph, to_triples, turtle_bytes, write_turtle
from kg.vocab import event_iri

PERSON = "https://w3id.org/dipkg/resource/person/"
SENTENCE = "2025年9月1日,越共中央总书记苏林在党中央驻地会见了柬埔寨人民党主席洪森。"
VISIT = ("应日本自卫队统合幕僚长河野克俊(KatsutoshiKawano)的邀请,由越共中央委员、中央军委常委、"
         "总参谋长、国防部副部长潘文江率领的越南军事高级代表团于3月2日至5日对日本进行正式访问。")


def corpus() -> Resolved:
    art = Article(id="a1", source_file="dir/p.txt", index=0, title="苏林会见洪森", text=SENTENCE,
                  start=0, end=len(SENTENCE), date="2025-09-01", url="https://example.org/1",
                  outlet="VNA")
    art2 = Article(id="a2", source_file="dir/q.txt", index=1, title="", text=VISIT,
                   start=10, end=10 + len(VISIT))
    people = (
        Entity(key="苏林", kind="person", label="苏林", country="VN",
               posts=(Post(title="总书记", organization="越共中央", as_of="2025-09-01",
                           article_id="a1"),)),
        Entity(key="洪森", kind="person", label="洪森", country="KH"),
        Entity(key="潘文江", kind="person", label="潘文江", aliases=("范文江",), country="VN"),
        Entity(key="河野克俊", kind="person", label="河野克俊", latin="Katsutoshi Kawano",
               aliases=("KatsutoshiKawano",), country="JP"),
        Entity(key="VN", kind="country", label="越南", latin="Vietnam"),
        Entity(key="JP", kind="country", label="日本", latin="Japan"),
        Entity(key="KH", kind="country", label="柬埔寨", latin="Cambodia"),
        Entity(key="越共中央", kind="organization", label="越共中央", country="VN"),
    )
    meeting = Event(kind="meeting", participants=("洪森", "苏林"), start="2025-09-01",
                    articles=("a1",), evidence=(Evidence("a1", 0, len(SENTENCE), SENTENCE),),
                    key="meeting|洪森|苏林|2025-09-01")
    visit = Event(kind="visit", visitor="潘文江", destination="JP", inviter="河野克俊",
                  start="--03-02", end="--03-05", visit_kind="正式访问", articles=("a2",),
                  evidence=(Evidence("a2", 0, len(VISIT), VISIT),), key="visit|潘文江|JP|--03-02")
    call = Event(kind="call", participants=("潘文江", "苏林"), articles=("a1",),
                 key="call|潘文江|苏林|")
    return Resolved(articles=(art, art2), entities=people, events=(meeting, visit, call),
                    mentions={"a1": (("person", "洪森"), ("person", "苏林"), ("country", "KH")),
                              "a2": (("person", "潘文江"), ("country", "JP"))})


def test_meeting_and_visit_match_the_documented_shape():
    m = event_iri("meeting", "meeting|洪森|苏林|2025-09-01")
    v = event_iri("visit", "visit|潘文江|JP|--03-02")
    expected = f"""
    @prefix dip: <https://w3id.org/dipkg/ontology#> .
    @prefix dipr: <https://w3id.org/dipkg/resource/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <{m}> a dip:Meeting ; dip:participant dipr:person\\/苏林 , dipr:person\\/洪森 ;
        dip:startDate "2025-09-01"^^xsd:date ; dip:reportedIn dipr:article\\/a1 ;
        dip:evidence "{SENTENCE}"@zh .
    dipr:person\\/苏林 dip:metWith dipr:person\\/洪森 .
    dipr:person\\/洪森 dip:metWith dipr:person\\/苏林 .
    <{v}> a dip:Visit ; dip:visitor dipr:person\\/潘文江 ; dip:destination dipr:country\\/JP ;
        dip:invitedBy dipr:person\\/河野克俊 ; dip:startDate "--03-02"^^xsd:gMonthDay ;
        dip:endDate "--03-05"^^xsd:gMonthDay ; dip:visitKind "正式访问"@zh ;
        dip:reportedIn dipr:article\\/a2 ; dip:evidence "{VISIT}"@zh .
    """
    want = Graph().parse(data=expected, format="turtle")
    got = to_graph(corpus())
    events = Graph()
    for s, p, o in got:
        if s in (m, v) or p.endswith("#metWith"):
            events.add((s, p, o))
    assert isomorphic(events, want)


def test_calls_are_not_meetings():
    g = to_graph(corpus())
    q = "ASK { ?c a dip:Call ; dip:participant ?a , ?b . ?a dip:metWith ?b . FILTER(?a != ?b) }"
    # 潘文江 and 苏林 only spoke: no metWith between them.
    assert not g.query(q).askAnswer


def test_persons_carry_labels_aliases_country_and_posts():
    g = to_graph(corpus())
    rows = {tuple(map(str, r)) for r in g.query(
        "SELECT ?label ?lang WHERE { <" + PERSON + "河野克俊> rdfs:label|skos:altLabel ?label ."
        " BIND(LANG(?label) AS ?lang) }")}
    assert rows == {("河野克俊", "zh"), ("Katsutoshi Kawano", "en"), ("KatsutoshiKawano", "en")}
    posts = list(g.query(
        "SELECT ?t ?d ?org WHERE { <" + PERSON + "苏林> dip:holdsPost ?h ."
        " ?h dip:postTitle ?t ; dip:asOf ?d ; dip:postOrganization ?org }"))
    assert [(str(t), str(d)) for t, d, _ in posts] == [("总书记", "2025-09-01")]


def test_articles_carry_source_date_url_and_mentions():
    g = to_graph(corpus())
    rows = list(g.query("""SELECT ?f ?d ?u (COUNT(?m) AS ?n) WHERE {
        ?a a dip:Article ; dip:sourceFile ?f ; dcterms:date ?d ; dip:url ?u ; dip:mentions ?m }
        GROUP BY ?f ?d ?u"""))
    assert [(str(f), str(d), str(u), int(n)) for f, d, u, n in rows] == [
        ("dir/p.txt", "2025-09-01", "https://example.org/1", 3)]


def test_turtle_is_byte_identical_and_parses_with_both_libraries(tmp_path):
    data = corpus()
    first = turtle_bytes(to_triples(data))
    shuffled = Resolved(articles=data.articles[::-1], entities=data.entities[::-1],
                        events=data.events[::-1], mentions=data.mentions)
    assert turtle_bytes(to_triples(shuffled)) == first
    path = write_turtle(to_triples(data), tmp_path / "g.ttl")
    assert path.read_bytes() == first
    assert isomorphic(Graph().parse(path), to_graph(data))
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(to_triples(data))


def test_untrusted_text_gives_valid_turtle():
    nasty = 'a"b\\c\n</script><img src=x onerror=alert(1)>\u0000\ue000"""'
    data = Resolved(articles=(Article(id=nasty, source_file=nasty, index=0, title=nasty,
                                      text=nasty, start=0, end=len(nasty)),),
                    entities=(Entity(key=nasty, kind="person", label=nasty,
                                     aliases=(nasty + "x",)),),
                    events=(Event(kind="meeting", participants=(nasty, "b"), articles=(nasty,),
                                  evidence=(Evidence(nasty, 0, 1, nasty),), key=nasty),),
                    mentions={nasty: (("person", nasty),)})
    ttl = turtle_bytes(to_triples(data))
    assert isomorphic(Graph().parse(data=ttl.decode("utf-8"), format="turtle"), to_graph(data))


@pytest.mark.parametrize("value, datatype", [
    ("2026-02-05", "date"), ("--03-02", "gMonthDay"), ("", None), ("2月5日", None),
])
def test_date_literal(value, datatype):
    lit = date_literal(value)
    assert (lit.datatype.split("#")[-1] if lit is not None else None) == datatype


def test_count():
    c = count(corpus())
    assert (c["articles"], c["persons"], c["countries"], c["meetings"], c["visits"],
            c["calls"]) == (2, 4, 3, 1, 1, 1)
