"""The RDF stage: the documented shape, isomorphic to a hand-written graph, byte-stable Turtle."""

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, SKOS

from kg.model import Article, Entity, Event, Evidence, Post, Resolved
from kg.rdf import (
    count,
    date_literal,
    sort_key,
    to_graph,
    to_triples,
    turtle_bytes,
    write_graph,
    write_turtle,
)
from kg.vocab import (
    DIP,
    article_iri,
    country_iri,
    event_iri,
    holding_iri,
    org_iri,
    person_iri,
    place_iri,
)

SOURCES = Path(__file__).resolve().parent.parent / "sources"

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


# The rdflib version of to_triples that write_graph replaced, kept as the oracle: write_graph
# and to_triples must give exactly its triples, in its order, and its Turtle bytes.
def reference_triples(resolved: Resolved) -> list:
    iri = {"person": person_iri, "country": country_iri, "organization": org_iri,
           "place": place_iri}
    cls = {"person": DIP.Person, "country": DIP.Country, "organization": DIP.Organization,
           "place": DIP.Place, "meeting": DIP.Meeting, "visit": DIP.Visit, "call": DIP.Call}
    out = []
    for a in resolved.articles:
        node = article_iri(a.id)
        out += [(node, RDF.type, DIP.Article), (node, DIP.sourceFile, Literal(a.source_file)),
                (node, DIP.script, Literal(a.script))]
        if a.title:
            out.append((node, DCTERMS.title, Literal(a.title, lang="zh")))
        date = date_literal(a.date)
        if date is not None and date.datatype == XSD.date:
            out.append((node, DCTERMS.date, date))
        if a.url:
            out.append((node, DIP.url, Literal(a.url, datatype=XSD.anyURI)))
        if a.outlet:
            out.append((node, DIP.outlet, Literal(a.outlet)))
        out += [(node, DIP.mentions, iri[kind](key))
                for kind, key in resolved.mentions.get(a.id, ()) if kind in iri]
    for e in resolved.entities:
        node = iri[e.kind](e.key)
        out += [(node, RDF.type, cls[e.kind]), (node, RDFS.label, Literal(e.label, lang="zh"))]
        if e.latin:
            out.append((node, RDFS.label, Literal(e.latin, lang="en")))
        out += [(node, SKOS.altLabel, Literal(alias, lang="en" if alias.isascii() else "zh"))
                for alias in e.aliases if alias not in (e.label, e.latin)]
        if e.kind == "country":
            out.append((node, DIP.isoCode, Literal(e.key)))
        elif e.country:
            out.append((node, DIP.locatedIn if e.kind == "place" else DIP.country,
                        country_iri(e.country)))
        for post in e.posts:
            holding = holding_iri(e.key, post.title, post.organization, post.as_of)
            out += [(node, DIP.holdsPost, holding), (holding, RDF.type, DIP.PostHolding),
                    (holding, DIP.postTitle, Literal(post.title, lang="zh"))]
            if post.organization:
                out.append((holding, DIP.postOrganization, org_iri(post.organization)))
            if date_literal(post.as_of) is not None:
                out.append((holding, DIP.asOf, date_literal(post.as_of)))
            if post.article_id:
                out.append((holding, DIP.reportedIn, article_iri(post.article_id)))
    for ev in resolved.events:
        node = event_iri(ev.kind, ev.key or repr(ev))
        people = [person_iri(p) for p in ev.participants]
        out += [(node, RDF.type, cls[ev.kind])] + [(node, DIP.participant, p) for p in people]
        if ev.kind == "meeting":
            out += [(a, DIP.metWith, b) for a in people for b in people if a != b]
        for prop, value, make in ((DIP.visitor, ev.visitor, person_iri),
                                  (DIP.destination, ev.destination, country_iri),
                                  (DIP.invitedBy, ev.inviter, person_iri),
                                  (DIP.place, ev.place, place_iri)):
            if value:
                out.append((node, prop, make(value)))
        for prop, value in ((DIP.startDate, ev.start), (DIP.endDate, ev.end)):
            if date_literal(value) is not None:
                out.append((node, prop, date_literal(value)))
        if ev.visit_kind:
            out.append((node, DIP.visitKind, Literal(ev.visit_kind, lang="zh")))
        if ev.planned:
            out.append((node, DIP.planned, Literal(True)))
        out += [(node, DIP.reportedIn, article_iri(a)) for a in ev.articles]
        out += [(node, DIP.evidence, Literal(e.text, lang="zh")) for e in ev.evidence]
    return sorted(set(out), key=sort_key)


NASTY = ['a"b\\c\n\r\t</script><img src=x onerror=alert(1)>\u0000\ue000"""',
         "".join(map(chr, range(0x20))) + "\x7f\x85\u2028\u2029\ufeff",
         "\U0001F600 \U00020000 emoji and a CJK extension B character",
         "x\\u0041 \\U00000041 '''", "trailing backslash \\", 'ends with a quote "',
         "e\u0301 (combining) 한국어 العربية", "Vietnam", ""]


def nasty_corpus() -> Resolved:
    """Every kind of literal and key, written with the texts above, duplicates included."""
    articles, entities, events, mentions = [], [], [], {}
    for i, t in enumerate(NASTY):
        aid, day = f"{t}{i}", str(i % 9 + 1)
        articles.append(Article(id=aid, source_file=t or "f", index=i, title=t, text=t, start=0,
                                end=len(t), date="2025-01-0" + day, url=t, outlet=t,
                                script="traditional" if i % 2 else "simplified"))
        mentions[aid] = (("person", t + "p"), ("country", t[:2] or "VN"), ("title", t),
                         ("person", t + "p"))
        post = Post(title=t or "部长", organization=t, as_of=f"--0{day}-01", article_id=aid)
        entities += [Entity(key=t + "p", kind="person", label=t or "x", latin=t,
                            aliases=(t, t + "x", "Latin", "拉丁"), country=t[:2] or "VN",
                            posts=(post, Post(post.title, t, post.as_of, aid + "2"))),
                     Entity(key=t + "o", kind="organization", label=t or "o", country=t[:2]),
                     Entity(key=t + "l", kind="place", label=t or "l", country="VN")]
        events += [Event(kind="meeting", participants=(t + "p", "苏林", t + "p"), start=t,
                         end="2025-13-45", articles=(aid, aid), key=t,
                         evidence=(Evidence(aid, 0, len(t), t), Evidence(aid, 0, 0, t + "e"))),
                   Event(kind="visit", visitor=t + "p", destination=t[:2], inviter=t,
                         start="--03-02", visit_kind=t, place=t, planned=bool(i % 2),
                         articles=(aid,), key=t + "v", evidence=(Evidence(aid, 0, len(t), t),)),
                   Event(kind="call", participants=(t + "p", "b"), articles=(aid,))]
    return Resolved(articles=tuple(articles), entities=tuple(entities), events=tuple(events),
                    mentions=mentions)


@pytest.fixture(scope="module")
def sources_corpus() -> Resolved:
    from kg.pipeline import build_resolved

    return build_resolved([SOURCES], workers=1)


@pytest.mark.parametrize("which", ["hand-made", "nasty", "sources"])
def test_write_graph_gives_the_bytes_of_the_rdflib_path(which, tmp_path, request):
    data = {"hand-made": corpus, "nasty": nasty_corpus,
            "sources": lambda: request.getfixturevalue("sources_corpus")}[which]()
    reference = reference_triples(data)
    assert to_triples(data) == reference
    want = write_turtle(reference, tmp_path / "old.ttl").read_bytes()
    assert write_graph(data, tmp_path / "graph.ttl") == len(reference)
    assert (tmp_path / "graph.ttl").read_bytes() == want
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl", "old.ttl"]  # no temp left
    assert count(data)["triples"] == count(data, len(reference))["triples"] == len(reference)


def test_write_graph_pieces_are_whole_documents_of_the_same_file(tmp_path):
    """Small pieces (so terms are learnt piece by piece), every nasty text, and a meeting of one
    person (a subject with nothing to say)."""
    data = nasty_corpus()
    data = Resolved(articles=data.articles, entities=data.entities, mentions=data.mentions,
                    events=data.events + (Event("meeting", participants=("孤",), key="solo"),))
    reference = reference_triples(data)
    want = write_turtle(reference, tmp_path / "old.ttl").read_bytes()
    got: list[bytes] = []
    assert write_graph(data, tmp_path / "graph.ttl", pieces=got.append,
                       piece_triples=7) == len(reference)
    assert (tmp_path / "graph.ttl").read_bytes() == want
    head = b"".join(line for line in want.splitlines(keepends=True)
                    if line.startswith(b"@prefix"))
    assert len(got) > 10 and all(piece.startswith(head) for piece in got)
    assert b"".join(piece[len(head):] for piece in got) == want[len(head):]
    assert sum(len(list(pyoxigraph.parse(piece, format=pyoxigraph.RdfFormat.TURTLE)))
               for piece in got) == len(reference)


def test_write_graph_leaves_the_old_file_when_it_fails(tmp_path):
    path = tmp_path / "graph.ttl"
    write_graph(corpus(), path)
    before = path.read_bytes()
    broken = Resolved(entities=(Entity(key="x", kind="no such kind", label="x"),))
    with pytest.raises(KeyError):
        write_graph(broken, path)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
