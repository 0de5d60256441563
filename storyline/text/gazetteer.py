"""Name gazetteers loaded once from storyline/data (built from PyPI packages by build_gazetteer.py).

``Gazetteer`` answers: is this surface a known place (and its canonical name), an organisation,
a given name, a surname, a country adjective? Loaded lazily on first use; the data never changes,
so the cache holds no state that depends on earlier calls.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from storyline.text.lexicon import COUNTRY_ADJECTIVES, EXTRA_PLACES, KNOWN_ORGS

DATA = Path(__file__).resolve().parents[1] / "data"


@dataclass(frozen=True)
class Place:
    canonical: str
    kind: str  # country | city | region | area


@dataclass(frozen=True)
class Gazetteer:
    """All name lists, keyed by exact surface form (given/surnames also by lowercase)."""

    places: dict[str, Place]
    orgs: dict[str, str]
    given: frozenset[str]
    surnames: frozenset[str]
    adjectives: dict[str, str]  # lowercase adjective/demonym → canonical country name
    country_names: dict[str, str]  # ISO alpha-2 → canonical English name

    def place(self, surface: str) -> Place | None:
        """The place called ``surface`` (exact, then with a normalised apostrophe), or None."""
        return self.places.get(surface) or self.places.get(surface.replace("\u2019", "'"))

    def org(self, surface: str) -> str | None:
        return self.orgs.get(surface)

    def is_given(self, word: str) -> bool:
        return word in self.given

    def is_surname(self, word: str) -> bool:
        return word in self.surnames

    def adjective_country(self, word: str) -> str | None:
        """Canonical country of a country adjective or demonym ('Russische' → 'Russia'), or None."""
        return self.adjectives.get(word.lower())


def _read_lines(name: str) -> list[str]:
    with gzip.open(DATA / name, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n") for line in fh if line.strip()]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read from the package data on first use (≈ 0.1 s)."""
    from babel import Locale

    en_terr = Locale("en").territories
    places: dict[str, Place] = {}
    for line in _read_lines("gazetteer_places.tsv.gz"):
        name, _typ, canonical, kind = line.split("\t")
        places[name] = Place(canonical, kind)
    for surface, canonical in EXTRA_PLACES.items():
        places.setdefault(surface, Place(canonical, "area"))
    # Codes are ISO 3166 / UN M49 codes; a few regions are given by name ("Baltic states").
    adjectives = {word: en_terr.get(code, code) for word, code in COUNTRY_ADJECTIVES.items()}
    return Gazetteer(
        places=places,
        orgs=dict(KNOWN_ORGS),
        given=frozenset(_read_lines("gazetteer_given_names.txt.gz")),
        surnames=frozenset(_read_lines("gazetteer_surnames.txt.gz")),
        adjectives=adjectives,
        country_names=dict(en_terr),
    )
