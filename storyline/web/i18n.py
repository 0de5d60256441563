"""Interface text in Dutch and English, and choosing the language of a request.

The language comes from ``?lang=nl|en`` first, then the ``Accept-Language`` header, then Dutch.
Only interface text is translated; article text is always shown as the outlet wrote it.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: tuple[str, ...] = ("nl", "en")
DEFAULT_LANGUAGE = "nl"

STRINGS: dict[str, dict[str, str]] = {
    "app_tagline": {"nl": "Veel berichten, één verhaal", "en": "Many reports, one story"},
    "nav_stories": {"nl": "Verhalen", "en": "Stories"},
    "nav_search": {"nl": "Zoeken", "en": "Search"},
    "nav_api": {"nl": "API", "en": "API"},
    "skip_to_content": {"nl": "Naar de inhoud", "en": "Skip to content"},
    "language": {"nl": "Taal", "en": "Language"},
    "stories_title": {"nl": "Verhalen", "en": "Stories"},
    "stories_empty": {"nl": "Geen verhalen gevonden.", "en": "No stories found."},
    "stories_empty_hint": {"nl": "Voeg berichten toe met `storyline ingest`.",
                           "en": "Add reports with `storyline ingest`."},
    "filter": {"nl": "Filteren", "en": "Filter"},
    "filter_from": {"nl": "Vanaf", "en": "From"},
    "filter_to": {"nl": "Tot en met", "en": "Up to"},
    "filter_outlet": {"nl": "Medium", "en": "Outlet"},
    "filter_language": {"nl": "Taal van de berichten", "en": "Language of the reports"},
    "filter_any": {"nl": "alle", "en": "any"},
    "filter_apply": {"nl": "Toepassen", "en": "Apply"},
    "filter_clear": {"nl": "Wissen", "en": "Clear"},
    "page_prev": {"nl": "Vorige", "en": "Previous"},
    "page_next": {"nl": "Volgende", "en": "Next"},
    "page_of": {"nl": "pagina {page} van {pages}", "en": "page {page} of {pages}"},
    "n_reports": {"nl": "{n} berichten", "en": "{n} reports"},
    "n_report": {"nl": "1 bericht", "en": "1 report"},
    "n_sources": {"nl": "{n} bronnen", "en": "{n} sources"},
    "n_source": {"nl": "1 bron", "en": "1 source"},
    "n_conflicts": {"nl": "{n} tegenstrijdigheden", "en": "{n} conflicts"},
    "n_conflict": {"nl": "1 tegenstrijdigheid", "en": "1 conflict"},
    "conflict_badge_title": {"nl": "De bronnen spreken elkaar tegen", "en": "The sources contradict each other"},
    "date_unknown": {"nl": "datum onbekend", "en": "date unknown"},
    "summary": {"nl": "Samenvatting", "en": "Summary"},
    "cite_label": {"nl": "Bron {label}: toon de zin", "en": "Source {label}: show the sentence"},
    "cite_supported_by": {"nl": "Gesteund door", "en": "Supported by"},
    "facts": {"nl": "Feiten naast elkaar", "en": "Facts side by side"},
    "fact": {"nl": "Feit", "en": "Fact"},
    "single_source_facts": {"nl": "Wat maar één bron zegt ({n})", "en": "What only one source says ({n})"},
    "verdict": {"nl": "Oordeel", "en": "Verdict"},
    "wording": {"nl": "Wat de bronnen zeggen", "en": "What the sources say"},
    "verdict_conflict": {"nl": "tegenstrijdig", "en": "conflict"},
    "verdict_compatible": {"nl": "verenigbaar", "en": "compatible"},
    "verdict_agree": {"nl": "eens", "en": "agree"},
    "verdict_single-source": {"nl": "één bron", "en": "single source"},
    "timeline": {"nl": "Tijdlijn", "en": "Timeline"},
    "timeline_caption": {"nl": "Tijdlijn van het verhaal: {n} momenten", "en": "Timeline of the story: {n} moments"},
    "events": {"nl": "Gebeurtenissen", "en": "Events"},
    "sources": {"nl": "Bronnen", "en": "Sources"},
    "source": {"nl": "Bron", "en": "Source"},
    "outlet": {"nl": "Medium", "en": "Outlet"},
    "published": {"nl": "Gepubliceerd", "en": "Published"},
    "words": {"nl": "woorden", "en": "words"},
    "link": {"nl": "origineel", "en": "original"},
    "entities": {"nl": "Personen, plaatsen, organisaties", "en": "People, places, organisations"},
    "variants": {"nl": "Schrijfwijzen", "en": "Spellings"},
    "more_entities": {"nl": "Nog {n} namen", "en": "{n} more names"},
    "duplicates": {"nl": "Ook gepubliceerd door", "en": "Also published by"},
    "duplicates_intro": {"nl": "Hetzelfde bericht verscheen bij meerdere media:",
                         "en": "The same report appeared at several outlets:"},
    "article": {"nl": "Bericht", "en": "Report"},
    "article_text": {"nl": "Tekst", "en": "Text"},
    "legend": {"nl": "Gemarkeerd", "en": "Highlighted"},
    "legend_name": {"nl": "namen", "en": "names"},
    "legend_quantity": {"nl": "hoeveelheden", "en": "quantities"},
    "legend_time": {"nl": "tijdsaanduidingen", "en": "dates and times"},
    "no_analysis": {"nl": "Dit bericht is nog niet geanalyseerd; de tekst staat hieronder zonder markeringen.",
                    "en": "This report has not been analysed yet; its text is shown without highlights."},
    "feeds": {"nl": "Dit bericht voedt", "en": "This report feeds"},
    "feeds_none": {"nl": "Nog bij geen enkel verhaal ingedeeld.", "en": "Not part of any story yet."},
    "facts_from_article": {"nl": "Feiten uit dit bericht", "en": "Facts from this report"},
    "search_title": {"nl": "Zoeken in alle berichten", "en": "Search all reports"},
    "search_label": {"nl": "Zoekvraag", "en": "Query"},
    "search_button": {"nl": "Zoeken", "en": "Search"},
    "search_help": {"nl": 'Bijvoorbeeld: Poetin lening, "open brief", Sotsji OR Sochi, Loekas*',
                    "en": 'For example: Putin loan, "open letter", Sotsji OR Sochi, Loekas*'},
    "search_results": {"nl": "{n} resultaten voor", "en": "{n} results for"},
    "search_none": {"nl": "Niets gevonden.", "en": "Nothing found."},
    "error_title": {"nl": "Er ging iets mis", "en": "Something went wrong"},
    "error_hint": {"nl": "Wat te doen", "en": "What to do"},
    "json_twin": {"nl": "Deze pagina als JSON", "en": "This page as JSON"},
    "kind": {"nl": "soort", "en": "kind"},
    "reason": {"nl": "Waarom", "en": "Why"},
    "story": {"nl": "Verhaal", "en": "Story"},
    "stories_of_article": {"nl": "Verhalen", "en": "Stories"},
}


def negotiate(query_lang: str | None, accept_language: str | None) -> str:
    """Pick the interface language: a valid ?lang= wins, then the best Accept-Language match, then Dutch."""
    if query_lang and query_lang.lower() in LANGUAGES:
        return query_lang.lower()
    best, best_q = None, -1.0
    for part in (accept_language or "").split(","):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower().split("-")[0]
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if tag in LANGUAGES and q > best_q:
            best, best_q = tag, q
    return best or DEFAULT_LANGUAGE


class Translator:
    """Callable lookup of interface strings for one language: ``t("n_reports", n=5)``."""

    def __init__(self, lang: str, strings: Mapping[str, Mapping[str, str]] = STRINGS) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        self._strings = strings

    def __call__(self, key: str, **values: object) -> str:
        entry = self._strings.get(key)
        if entry is None:
            raise KeyError(f"no interface string {key!r}")
        text = entry.get(self.lang) or entry["en"]
        return text.format(**values) if values else text

    def count(self, key: str, n: int) -> str:
        """Singular/plural: uses ``n_<key>`` for one and ``n_<key>s`` otherwise."""
        return self(f"n_{key}") if n == 1 else self(f"n_{key}s", n=n)


_MONTHS = {
    "nl": ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
}


def format_date(iso: str | None, lang: str) -> str:
    """A partial ISO date for readers at its own precision: '2020' / 'sep 2020' / '14 sep 2020' / '14 sep 2020 10:05'."""
    if not iso:
        return STRINGS["date_unknown"].get(lang, STRINGS["date_unknown"]["en"])
    date, _, time = iso.partition("T")
    parts = date.split("-")
    months = _MONTHS.get(lang, _MONTHS["en"])
    try:
        if len(parts) == 1:
            return parts[0]
        month = months[int(parts[1]) - 1]
        if len(parts) == 2:
            return f"{month} {parts[0]}"
        out = f"{int(parts[2])} {month} {parts[0]}"
    except (ValueError, IndexError):
        return iso
    return f"{out} {time[:5]}" if time else out


def format_span(first: str | None, last: str | None, lang: str) -> str:
    """A date span such as 'aug – sep 2020'; one date when both ends are equal or one is unknown."""
    if not first and not last:
        return format_date(None, lang)
    if not first or not last or first == last:
        return format_date(first or last, lang)
    return f"{format_date(first, lang)} – {format_date(last, lang)}"
