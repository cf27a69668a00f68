"""The ontology's terms as a closed vocabulary, and the IRIs of the things the graph is about.

``DIP`` is an rdflib ``DefinedNamespace`` with ``_fail=True``: a misspelt term raises at once
instead of silently minting a new IRI. A test keeps it equal to ``ontology/diplomacy.ttl``.

>>> str(DIP.Meeting)
'https://w3id.org/dipkg/ontology#Meeting'
>>> DIP.Meetnig
Traceback (most recent call last):
...
AttributeError: term 'Meetnig' not in namespace 'https://w3id.org/dipkg/ontology#'
>>> str(person_iri("苏林"))
'https://w3id.org/dipkg/resource/person/苏林'
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = [
    "DIP", "DIPR", "SEM", "ORG", "SCHEMA",
    "iri_part", "stable_hash",
    "article_iri", "person_iri", "country_iri", "org_iri", "place_iri", "event_iri",
    "holding_iri",
    "RESOURCE", "article_iri_str", "person_iri_str", "country_iri_str", "org_iri_str",
    "place_iri_str", "event_iri_str", "holding_iri_str",
]


class DIP(DefinedNamespace):
    """Classes and properties of the diplomacy ontology (``ontology/diplomacy.ttl``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/dipkg/ontology#")

    # Classes
    Event: URIRef
    Meeting: URIRef
    Visit: URIRef
    Call: URIRef
    Person: URIRef
    Country: URIRef
    Organization: URIRef
    Place: URIRef
    Article: URIRef
    PostHolding: URIRef

    # Properties of events
    participant: URIRef
    metWith: URIRef
    visitor: URIRef
    destination: URIRef
    invitedBy: URIRef
    startDate: URIRef
    endDate: URIRef
    place: URIRef
    visitKind: URIRef
    planned: URIRef
    reportedIn: URIRef
    evidence: URIRef

    # Properties of articles
    mentions: URIRef
    sourceFile: URIRef
    url: URIRef
    outlet: URIRef
    script: URIRef

    # Properties of persons, organizations, places, countries
    country: URIRef
    holdsPost: URIRef
    postTitle: URIRef
    postOrganization: URIRef
    asOf: URIRef
    isoCode: URIRef
    locatedIn: URIRef


RESOURCE = "https://w3id.org/dipkg/resource/"
DIPR = Namespace(RESOURCE)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")

_KEEP = "·-_"


@functools.lru_cache(maxsize=1 << 16)
def iri_part(key: str) -> str:
    """A key made safe for an IRI path segment: letters and digits kept, the rest %-encoded."""
    key = unicodedata.normalize("NFC", key)
    out = []
    for ch in key:
        if ch in _KEEP or (ch.isalnum() and ch.isprintable()):
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out) or "_"


def stable_hash(*parts: str, length: int = 16) -> str:
    """A short hex digest of the parts: the same parts give the same hash on every run."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:length]


# Each IRI comes in two forms: a plain string (``*_iri_str``, used by the RDF writer, which
# builds millions of them and needs no rdflib term) and an rdflib ``URIRef`` made from it.


def article_iri_str(article_id: str) -> str:
    """The IRI of an article, as a plain string.

    >>> article_iri_str("p.txt#0")
    'https://w3id.org/dipkg/resource/article/p%2Etxt%230'
    """
    return f"{RESOURCE}article/{iri_part(article_id)}"


def person_iri_str(key: str) -> str:
    """The IRI of a person, from their canonical (simplified, untitled) name, as a plain string."""
    return f"{RESOURCE}person/{iri_part(key)}"


def country_iri_str(iso: str) -> str:
    """The IRI of a country, from its ISO 3166-1 alpha-2 code, as a plain string."""
    return f"{RESOURCE}country/{iri_part(iso.upper())}"


def org_iri_str(key: str) -> str:
    """The IRI of an organization, as a plain string."""
    return f"{RESOURCE}org/{iri_part(key)}"


def place_iri_str(key: str) -> str:
    """The IRI of a place, as a plain string."""
    return f"{RESOURCE}place/{iri_part(key)}"


def event_iri_str(kind: str, key: str) -> str:
    """The IRI of a meeting, visit or call, from its canonical key, as a plain string."""
    return f"{RESOURCE}{kind}/{stable_hash(kind, key)}"


def holding_iri_str(person: str, title: str, organization: str, as_of: str) -> str:
    """The IRI of one post held by a person as of a date, as a plain string."""
    return f"{RESOURCE}holding/{stable_hash(person, title, organization, as_of)}"


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article."""
    return URIRef(article_iri_str(article_id))


def person_iri(key: str) -> URIRef:
    """The IRI of a person, from their canonical (simplified, untitled) name."""
    return URIRef(person_iri_str(key))


def country_iri(iso: str) -> URIRef:
    """The IRI of a country, from its ISO 3166-1 alpha-2 code."""
    return URIRef(country_iri_str(iso))


def org_iri(key: str) -> URIRef:
    """The IRI of an organization."""
    return URIRef(org_iri_str(key))


def place_iri(key: str) -> URIRef:
    """The IRI of a place."""
    return URIRef(place_iri_str(key))


def event_iri(kind: str, key: str) -> URIRef:
    """The IRI of a meeting, visit or call, from its canonical key."""
    return URIRef(event_iri_str(kind, key))


def holding_iri(person: str, title: str, organization: str, as_of: str) -> URIRef:
    """The IRI of one post held by a person as of a date."""
    return URIRef(holding_iri_str(person, title, organization, as_of))
