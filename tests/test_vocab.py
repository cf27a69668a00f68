"""The closed vocabulary matches the ontology file, and every term is documented and aligned."""

import pytest
from rdflib import OWL, RDF, RDFS, Graph, URIRef

from kg.lexicon import ontology_dir
from kg.vocab import DIP, country_iri, event_iri, iri_part, person_iri

NS = str(DIP._NS)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "diplomacy.ttl")


def defined_terms(g: Graph) -> set[str]:
    return {str(s)[len(NS):] for s in g.subjects(RDF.type, None)
            if isinstance(s, URIRef) and str(s).startswith(NS)}


def test_namespace_equals_ontology(ontology):
    assert defined_terms(ontology) == set(DIP.__annotations__)


def test_misspelt_term_fails_loudly():
    with pytest.raises(AttributeError):
        DIP.Meetnig  # noqa: B018


@pytest.mark.parametrize("term", sorted(DIP.__annotations__))
def test_term_has_labels_and_comments_in_both_languages(ontology, term):
    node = DIP[term]
    for prop in (RDFS.label, RDFS.comment):
        langs = {o.language for o in ontology.objects(node, prop)}
        assert {"en", "zh"} <= langs, f"{term} lacks an en or zh {prop}"


@pytest.mark.parametrize("term", sorted(DIP.__annotations__))
def test_term_is_typed_and_aligned(ontology, term):
    node = DIP[term]
    types = set(ontology.objects(node, RDF.type))
    assert types & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    if OWL.Class in types:
        assert list(ontology.objects(node, RDFS.subClassOf)), f"{term} is not aligned"


@pytest.mark.parametrize("external", [
    "http://semanticweb.cs.vu.nl/2009/11/sem/", "http://www.w3.org/ns/org#",
    "https://schema.org/", "http://www.w3.org/ns/prov#",
])
def test_aligned_with_each_external_vocabulary(ontology, external):
    supers = set(ontology.objects(None, RDFS.subClassOf))
    supers |= set(ontology.objects(None, RDFS.subPropertyOf))
    assert any(str(s).startswith(external) for s in supers)


@pytest.mark.parametrize("key, expected", [
    ("苏林", "苏林"),
    ("通伦·西苏里", "通伦·西苏里"),
    ("a b", "a%20b"),
    ('x"<y>', "x%22%3Cy%3E"),
    ("", "_"),
])
def test_iri_part(key, expected):
    assert iri_part(key) == expected


def test_iris_are_stable_and_valid():
    assert person_iri("苏林") == person_iri("苏林")
    assert str(country_iri("vn")).endswith("/country/VN")
    assert event_iri("meeting", "k") == event_iri("meeting", "k")
    assert event_iri("meeting", "k") != event_iri("visit", "k")
    # Oxigraph rejects invalid IRIs: every builder's output must pass.
    import pyoxigraph
    for iri in (person_iri('x"<y> {z}\\'), event_iri("visit", "a\nb")):
        pyoxigraph.NamedNode(str(iri))
