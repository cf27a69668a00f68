"""The graph contract (../shared/specs/graph-contract.md) holds on the seed pages' build.

One test per contract term, on the real graph built from the two seed pages.
"""

from __future__ import annotations

from collections import Counter

import pyoxigraph
import pytest
from rdflib import RDF, RDFS, XSD, Graph, URIRef
from rdflib.namespace import DCTERMS, SKOS

from kg.lexicon import ontology_dir
from kg.vocab import DIP, person_iri

NS = str(DIP._NS)
PREFIXES = """PREFIX dip: <https://w3id.org/dipkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


@pytest.fixture(scope="module")
def g(seeds_build) -> Graph:
    return Graph().parse(seeds_build / "graph.ttl")


def ask(g: Graph, query: str) -> bool:
    return bool(g.query(PREFIXES + query).askAnswer)


def test_graph_parses_with_oxigraph_too(seeds_build, g):
    store = pyoxigraph.Store()
    store.load(path=str(seeds_build / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_every_dip_term_used_is_defined_in_the_ontology(g):
    onto = Graph().parse(ontology_dir() / "diplomacy.ttl")
    defined = {s for s in onto.subjects(RDF.type, None) if str(s).startswith(NS)}
    used = {t for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(NS)}
    assert used, "the graph uses no dip: term"
    assert used <= defined, sorted(used - defined)


def test_classes_are_present(g):
    for cls in (DIP.Person, DIP.Country, DIP.Organization, DIP.Meeting, DIP.Visit, DIP.Article):
        assert (None, RDF.type, cls) in g, cls


def test_label_one_zh_label_per_person_and_country(g):
    for cls in (DIP.Person, DIP.Country):
        for node in g.subjects(RDF.type, cls):
            zh = [o for o in g.objects(node, RDFS.label) if o.language == "zh"]
            assert len(zh) == 1, (node, zh)
    en = {str(o) for o in g.objects(person_iri("岩屋毅"), RDFS.label) if o.language == "en"}
    assert en == {"Takeshi Iwaya"}


def test_alt_label_keeps_other_spellings(g):
    alts = {str(o) for o in g.objects(person_iri("潘文江"), SKOS.altLabel)}
    assert "范文江" in alts  # a typo that plainly means 潘文江 is his, not a new person


def test_participant_two_or_more_persons_per_meeting(g):
    meetings = list(g.subjects(RDF.type, DIP.Meeting))
    assert meetings
    for m in meetings:
        people = set(g.objects(m, DIP.participant))
        assert len(people) >= 2 and all((p, RDF.type, DIP.Person) in g for p in people)


def test_met_with_is_symmetric_and_follows_meetings(g):
    pairs = set(g.subject_objects(DIP.metWith))
    assert pairs and all((b, a) in pairs for a, b in pairs)
    assert (person_iri("潘文江"), person_iri("河野克俊")) in pairs
    assert not ask(g, """ASK { ?a dip:metWith ?b .
        FILTER NOT EXISTS { ?m a dip:Meeting ; dip:participant ?a , ?b } }""")


def test_visitor_destination_invited_by(g):
    assert ask(g, """ASK { ?v a dip:Visit ; dip:visitor ?p ; dip:destination ?c ;
        dip:invitedBy ?i . ?p rdfs:label "潘文江"@zh . ?c rdfs:label "日本"@zh .
        ?i rdfs:label "河野克俊"@zh }""")
    for v in g.subjects(RDF.type, DIP.Visit):
        assert len(set(g.objects(v, DIP.visitor))) == 1
        dest = set(g.objects(v, DIP.destination))
        assert len(dest) == 1 and all((c, RDF.type, DIP.Country) in g for c in dest)


def test_start_and_end_dates_are_well_typed(g):
    for prop in (DIP.startDate, DIP.endDate):
        for lit in g.objects(None, prop):
            assert lit.datatype in (XSD.date, XSD.gMonthDay), lit
    assert ask(g, """ASK { ?v dip:visitor ?p ; dip:startDate "--03-02"^^xsd:gMonthDay ;
        dip:endDate "--03-05"^^xsd:gMonthDay . ?p rdfs:label "潘文江"@zh }""")


def test_reported_in_and_evidence_on_every_event(g):
    for cls in (DIP.Meeting, DIP.Visit):
        for ev in g.subjects(RDF.type, cls):
            arts = set(g.objects(ev, DIP.reportedIn))
            assert arts and all((a, RDF.type, DIP.Article) in g for a in arts)
            evidence = list(g.objects(ev, DIP.evidence))
            assert evidence and all(e.language == "zh" for e in evidence)


def test_one_event_however_many_teasers_report_it(g):
    # 苏林's state visit to Laos is told in several teasers of the two seed pages.
    rows = list(g.query(PREFIXES + """SELECT ?v (COUNT(DISTINCT ?a) AS ?n) WHERE {
        ?v a dip:Visit ; dip:visitor ?p ; dip:destination ?c ; dip:reportedIn ?a .
        ?p rdfs:label "苏林"@zh . ?c rdfs:label "老挝"@zh } GROUP BY ?v"""))
    assert len(rows) == 1 and int(rows[0][1]) >= 3


def test_mentions_source_file_and_date(g):
    files = Counter(str(f) for f in g.objects(None, DIP.sourceFile))
    assert set(files) == {"000_07f46a5e7c02f47f.txt", "002_6b6760b802839743.txt"}
    for art in g.subjects(RDF.type, DIP.Article):
        assert len(set(g.objects(art, DIP.sourceFile))) == 1
        for d in g.objects(art, DCTERMS.date):
            assert d.datatype == XSD.date
    assert ask(g, """ASK { ?a dip:sourceFile "000_07f46a5e7c02f47f.txt" ; dip:mentions ?p .
        ?p rdfs:label "河野克俊"@zh }""")


def test_one_node_per_person(g):
    labels = Counter(str(o) for p in g.subjects(RDF.type, DIP.Person)
                     for o in g.objects(p, RDFS.label) if o.language == "zh")
    assert all(n == 1 for n in labels.values()), labels.most_common(3)
