"""Per-article extraction: the mentions and events of one article, the unit workers run.

``extract(article, lexicon)`` is pure and its inputs and output pickle, so it runs the same
in this process, in a pool of worker processes or on a Dask cluster; everything
corpus-wide (identity, merging events) is left to ``kg.resolve``.

>>> from kg.model import Article
>>> text = "2025年9月1日,越共中央总书记苏林在河内会见了柬埔寨人民党主席洪森。"
>>> a = Article(id="a1", source_file="p.txt", index=0, title="", text=text, start=0,
...             end=len(text))
>>> ex = extract(a)
>>> [(e.kind, e.participants or e.visitor) for e in ex.events]  # met in Hanoi: he visited
[('meeting', ('洪森', '苏林')), ('visit', '洪森')]
"""

from __future__ import annotations

from .events import find_events
from .lexicon import Lexicon
from .model import Article, Extraction

__all__ = ["extract"]


def extract(article: Article, lexicon: Lexicon | None = None) -> Extraction:
    """Mentions (``kg.mentions.find_mentions``) and events (``kg.events.find_events``) of one
    article, sorted by position."""
    from .mentions import find_mentions  # imported here: the mentions stage loads jieba

    lexicon = lexicon or Lexicon.load()
    mentions = sorted(find_mentions(article, lexicon),
                      key=lambda m: (m.start, m.end, m.kind, m.key))
    events = find_events(article, mentions, lexicon)
    return Extraction(article=article, mentions=tuple(mentions), events=tuple(events))
