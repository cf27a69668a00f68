"""The data model: the small frozen records each pipeline stage hands to the next.

sources → ``Page`` → articles → ``Article`` → mentions → ``Mention`` → events → ``Event``
→ resolve → ``Entity`` + merged ``Event`` → RDF.

Offsets are always character offsets into ``Article.text`` (like spaCy's ``Span``), so every
fact can cite the sentence it was read from.

>>> a = Article(id="a1", source_file="x.txt", index=0, title="t", text="苏林会见洪森。",
...             start=0, end=7)
>>> m = Mention(article_id="a1", start=0, end=2, text="苏林", kind=PERSON, key="苏林")
>>> a.text[m.start:m.end]
'苏林'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

__all__ = [
    "PERSON", "COUNTRY", "ORGANIZATION", "PLACE", "TITLE",
    "MEETING", "VISIT", "CALL",
    "Page", "Article", "Mention", "Evidence", "Event", "Post", "Entity",
    "Extraction", "Resolved", "SourceError", "MENTION_SETTERS",
]

# Mention kinds.
PERSON = "person"
COUNTRY = "country"
ORGANIZATION = "organization"
PLACE = "place"
TITLE = "title"

# Event kinds.
MEETING = "meeting"
VISIT = "visit"
CALL = "call"  # phone / video call or letter exchange: contact that is not a meeting


@dataclass(frozen=True, slots=True)
class Page:
    """One source file, decoded to text, with whatever metadata came with it."""

    path: str  # posix path relative to the folder given to the build
    text: str
    url: str = ""
    outlet: str = ""
    date: str = ""  # ISO date from a manifest or HTML metadata; "" when unknown
    title: str = ""
    sha1: str = ""  # hash of the raw bytes, so re-adding a page is a no-op


@dataclass(frozen=True, slots=True)
class SourceError:
    """A file that could not be read; the batch goes on without it."""

    path: str
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True, slots=True)
class Article:
    """One news story cut from a page: the main article or one teaser."""

    id: str  # stable key, from the source file and the story's index in it
    source_file: str
    index: int  # 0 for the first story of the page, then 1, 2, ... for teasers
    title: str
    text: str  # the story's text as printed, noise removed (captions, repeated lead)
    start: int  # where the story lies in Page.text
    end: int
    date: str = ""  # "YYYY-MM-DD"; "--MM-DD" when the year is unknown; "" when unknown
    url: str = ""
    outlet: str = ""
    script: str = "simplified"  # or "traditional"; analysis always runs on simplified text


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in an article: a span of ``Article.text`` and what it refers to."""

    article_id: str
    start: int
    end: int
    text: str  # Article.text[start:end], as printed
    kind: str  # PERSON, COUNTRY, ORGANIZATION, PLACE or TITLE
    key: str  # canonical key: simplified name (persons, orgs, places), ISO 3166 code (countries)
    latin: str = ""  # a Latin-script name printed beside it, e.g. "Takeshi Iwaya"
    titles: tuple[str, ...] = ()  # posts and ranks printed with a person (总参谋长, 上将)
    country: str = ""  # ISO code of the country the person or organization belongs to


# A frozen dataclass's __init__ sets each field through object.__setattr__; the hot paths that
# make millions of mentions (kg.mentions, decoding the build state) set the slots directly on
# ``object.__new__(Mention)`` with these setters, in field order, for half the cost. Mention
# has no __post_init__ that this would skip (tests/test_store.py checks).
MENTION_SETTERS: tuple[Callable[[Any, Any], None], ...] = tuple(
    getattr(Mention, f.name).__set__ for f in fields(Mention))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence an event was read from."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting, visit or call, as read from one article or merged over many.

    Persons are referred to by their canonical key (``Mention.key``), countries by ISO code.
    """

    kind: str  # MEETING, VISIT or CALL
    participants: tuple[str, ...] = ()  # sorted person keys (meetings, calls)
    visitor: str = ""
    destination: str = ""  # ISO code
    inviter: str = ""
    start: str = ""  # "YYYY-MM-DD", "--MM-DD" or ""
    end: str = ""
    visit_kind: str = ""  # 国事访问, 正式访问, 工作访问, 访问 ... as written
    place: str = ""  # place key (city) where it happened
    planned: bool = False  # announced (将于...访问), not yet reported as held
    articles: tuple[str, ...] = ()  # ids of the articles that report it
    evidence: tuple[Evidence, ...] = ()
    key: str = ""  # canonical key, set by the resolve stage


@dataclass(frozen=True, slots=True)
class Post:
    """A post or rank a person held, as of an article's date."""

    title: str  # 国防部长, 总参谋长, 上将 ...
    organization: str = ""  # organization key, where the text ties the post to one
    as_of: str = ""  # the article's date
    article_id: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world person, country, organization or place, after resolution."""

    key: str
    kind: str
    label: str  # preferred name, as the pages write it most often
    latin: str = ""  # preferred Latin-script name (rdfs:label @en)
    aliases: tuple[str, ...] = ()  # every other spelling seen
    country: str = ""  # ISO code
    posts: tuple[Post, ...] = ()


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one article: the unit the parallel workers return."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolved:
    """The whole corpus after resolution: one entity per real thing, one event per real event."""

    articles: tuple[Article, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    mentions: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """article id → the (kind, key) of every entity the article names"""

