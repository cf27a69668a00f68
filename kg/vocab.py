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


DIPR = Namespace("https://w3id.org/dipkg/resource/")
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


def article_iri(article_id: str) -> URIRef:
    """The IRI of an article."""
    return DIPR[f"article/{iri_part(article_id)}"]


def person_iri(key: str) -> URIRef:
    """The IRI of a person, from their canonical (simplified, untitled) name."""
    return DIPR[f"person/{iri_part(key)}"]


def country_iri(iso: str) -> URIRef:
    """The IRI of a country, from its ISO 3166-1 alpha-2 code."""
    return DIPR[f"country/{iri_part(iso.upper())}"]


def org_iri(key: str) -> URIRef:
    """The IRI of an organization."""
    return DIPR[f"org/{iri_part(key)}"]


def place_iri(key: str) -> URIRef:
    """The IRI of a place."""
    return DIPR[f"place/{iri_part(key)}"]


def event_iri(kind: str, key: str) -> URIRef:
    """The IRI of a meeting, visit or call, from its canonical key."""
    return DIPR[f"{kind}/{stable_hash(kind, key)}"]


def holding_iri(person: str, title: str, organization: str, as_of: str) -> URIRef:
    """The IRI of one post held by a person as of a date."""
    return DIPR[f"holding/{stable_hash(person, title, organization, as_of)}"]
