"""Entity linking across articles: one Entity per real-world name, with every surface variant.

Within an article the name finder already gives mentions of one entity the same key (full name,
or the gazetteer's canonical name: Wit-Rusland and Belarus → 'Belarus', Sotsji → 'Sochi').
Across articles, keys are compared after transliteration folding (Loekasjenko = Lukashenko);
persons are grouped by folded surname and split again when their given names differ; a bare
surname joins the full name with that surname. Look-alikes stay apart because nothing is merged
by substring or fuzzy similarity of surnames (Wit-Rusland/Rusland, Rutte/Rutten).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz.fuzz import ratio

from storyline.model import Analysis, Entity, Mention
from storyline.text.translit import fold

_TYPE_ORDER = {"PER": 0, "LOC": 1, "ORG": 2, "MISC": 3}


@dataclass
class _Group:
    """The mentions of one entity in one article (same key), before linking across articles."""

    article: str
    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    adjectives: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)

    @property
    def type(self) -> str:
        return min(self.types, key=lambda t: (-self.types[t] + (0.5 if t == "MISC" else 0), _TYPE_ORDER[t]))

    @property
    def words(self) -> list[str]:
        return fold(self.key).split()


@dataclass
class EntityLinks:
    """Linked entities plus the map from (article id, mention type, mention key) to entity id."""

    entities: list[Entity]
    by_key: dict[tuple[str, str], str]

    def entity_of(self, article_id: str, mention: Mention) -> str | None:
        """Id of the entity ``mention`` (from article ``article_id``) belongs to, or None."""
        return self.by_key.get((article_id, mention.key))

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def _groups(analyses: Sequence[Analysis]) -> list[_Group]:
    out: dict[tuple[str, str], _Group] = {}
    for analysis in analyses:
        for m in analysis.mentions:
            g = out.setdefault((analysis.article_id, m.key), _Group(analysis.article_id, m.key))
            (g.adjectives if m.adjective else g.surfaces)[m.text] += 1
            g.types[m.type] += 1
    return list(out.values())


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Given names agree: equal after folding, one a prefix/initial of the other, or nearly equal."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    return x == y or x.startswith(y) or y.startswith(x) or ratio(x, y) >= 80


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def link(analyses: Sequence[Analysis]) -> EntityLinks:
    """Link the mentions of ``analyses`` into entities; see the module docstring for the rules."""
    groups = _groups(analyses)
    uf = _Union(len(groups))
    # 1. Same folded key and compatible type (a person is never merged with a place).
    by_fold: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        by_fold[fold(g.key)].append(i)
    for members in by_fold.values():
        for i in members[1:]:
            a, b = groups[members[0]].type, groups[i].type
            if {a, b} != {"PER", "LOC"}:
                uf.union(members[0], i)
    # 2. Persons: full names by folded surname, split by given name; bare surnames join them.
    fulls: dict[str, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        if g.type == "PER" and len(g.words) > 1:
            fulls[g.words[-1]].append(i)
    for members in fulls.values():
        for pos, i in enumerate(members):
            for j in members[:pos]:
                if _given_compatible(groups[i].words[:-1], groups[j].words[:-1]):
                    uf.union(i, j)
                    break
    for i, g in enumerate(groups):
        if len(g.words) == 1 and g.type in ("PER", "MISC", "ORG") and g.words[0] in fulls:
            roots = {uf.find(j) for j in fulls[g.words[0]]}
            if len(roots) == 1 or g.type == "PER":
                best = max(roots, key=lambda r: sum(groups[j].surfaces.total() for j in fulls[g.words[0]]
                                                    if uf.find(j) == r))
                if g.type == "PER" or groups[best].type == "PER":
                    uf.union(i, best)
    clusters: dict[int, list[_Group]] = defaultdict(list)
    for i, g in enumerate(groups):
        clusters[uf.find(i)].append(g)
    order = {a.article_id: n for n, a in enumerate(analyses)}
    entities: list[Entity] = []
    by_key: dict[tuple[str, str], str] = {}
    for members in clusters.values():
        entity = _entity(members, order)
        if entity is None:
            continue
        entities.append(entity)
        for g in members:
            by_key[(g.article, g.key)] = entity.id
    entities.sort(key=lambda e: (-len(e.articles), e.name))
    return EntityLinks(entities, by_key)


def _entity(members: list[_Group], order: dict[str, int]) -> Entity | None:
    surfaces: Counter[str] = Counter()
    adjectives: Counter[str] = Counter()
    types: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    for g in members:
        surfaces.update(g.surfaces)
        adjectives.update(g.adjectives)
        types.update(g.types)
        keys[g.key] += g.surfaces.total() + g.adjectives.total()
    typ = min(types, key=lambda t: (-types[t] * (0.5 if t == "MISC" else 1), _TYPE_ORDER[t]))
    if typ == "PER":
        longest = max(len(k.split()) for k in keys)
        name = max((k for k in keys if len(k.split()) == longest), key=lambda k: (keys[k], k))
    else:
        name = max(keys, key=lambda k: (keys[k], k))
    ident = "e" + hashlib.sha1(f"{typ}:{fold(name)}".encode()).hexdigest()[:10]
    articles = sorted({g.article for g in members}, key=lambda a: order.get(a, 0))
    return Entity(id=ident, name=name, type=typ, variants=sorted(surfaces, key=lambda s: (-surfaces[s], s)),
                  articles=articles, adjectives=sorted(adjectives, key=lambda s: (-adjectives[s], s)))


def link_entities(analyses: Sequence[Analysis]) -> list[Entity]:
    """Entities across ``analyses``, most widely reported first (see ``link`` for the mention map)."""
    return link(analyses).entities
