"""analyze() end to end on hand-built articles, and the `storyline analyze` command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.cli import _register, cli
from storyline.model import Analysis, Article
from storyline.text import analyze

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "sochi"


def test_dutch_article() -> None:
    text = ("Rusland geeft Loekasjenko een lening van 1,5 miljard dollar. Dat zei president Poetin maandag in Sotsji.\n\n"
            "From another point of view. Voices from Belarus on Twitter\n\nDe oppositie is boos.")
    a = analyze(Article(text=text))
    assert a.language == "nl" and a.article_id == Article(text=text).id
    assert len(a.lemmas) == len(a.sentences) and "lening" in a.lemmas[0]
    assert [s.foreign for s in a.sentences].count(True) >= 1
    assert {m.key for m in a.mentions} >= {"Russia", "Loekasjenko", "Poetin", "Sochi"}
    assert any(q.value == 1.5e9 and q.unit == "USD" for q in a.quantities)
    assert Analysis.from_dict(json.loads(json.dumps(a.to_dict()))).mentions == a.mentions


def test_english_article() -> None:
    a = analyze(Article(text="Russian President Vladimir Putin met Alexander Lukashenko in Sochi on Monday."))
    assert a.language == "en"
    assert {m.text for m in a.mentions if m.type == "PER"} == {"Vladimir Putin", "Alexander Lukashenko"}


def test_unsupported_language_is_analysed_as_far_as_possible() -> None:
    a = analyze(Article(text="Der russische Präsident hat am Montag in Sotschi gesagt, dass er nicht zurücktritt."))
    assert a.language == "de" and a.sentences and a.lemmas[0]
    assert a.notes and "de" in a.notes[0] and not a.mentions


def test_empty_and_odd_articles() -> None:
    assert analyze(Article(text="")).sentences == []
    for text in ["'", "\u201c\u201d", "1,5,3 € $", "x" * 100_000, "Москва. Путин."]:
        analyze(Article(text=text))


def test_cli_analyze_json_on_seeds() -> None:
    _register()
    result = CliRunner().invoke(cli, ["analyze", str(EXAMPLES), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data["articles"]) == 5
    ents = {e["name"]: e for e in data["entities"]}
    belarus = ents["Belarus"]
    assert set(belarus["variants"]) >= {"Wit-Rusland", "Belarus"} and len(belarus["articles"]) == 5
    assert isinstance(data["articles"][0]["quantities"][0]["value"], (int, float))
    for art in data["articles"]:
        for m in art["mentions"]:
            assert m["entity"] in {e["id"] for e in data["entities"]}


def test_cli_analyze_human_and_missing_path(tmp_path: Path) -> None:
    _register()
    (tmp_path / "a.txt").write_text("Poetin ontving Loekasjenko in Sotsji.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "a.txt")])
    assert result.exit_code == 0 and "Sochi" in result.output and "entities (" in result.output
    bad = CliRunner().invoke(cli, ["analyze", str(tmp_path / "missing.txt")])
    assert bad.exit_code != 0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400), st.sampled_from(["nl", "en", None]))
def test_analyze_never_raises(text: str, language: str | None) -> None:
    a = analyze(Article(text=text, language=language))
    for s in a.sentences:
        assert text[s.start:s.end] == s.text
    for m in a.mentions:
        assert text[m.start:m.end] == m.text


def test_adversarial_100kb_inputs_stay_linear() -> None:
    import time

    for text in ["A. " * 30000, "Jan " * 25000, "'" * 100_000, "Путин 北京 Sotsji " * 6000, "Jan van de " * 10000,
                 "Bank of " * 12000, "Partij voor de " * 7000]:
        t0 = time.process_time()
        analyze(Article(text=text, language="nl"))
        assert time.process_time() - t0 < 20, text[:20]


def test_quotes_and_times_are_wired_in() -> None:
    from storyline.model import PartialDate

    text = ("Oppositieleider Svetlana Tichanovskaja reageerde maandag. \u2018Het spijt me zeer dat u met een dictator "
            "praat\u2019, schreef Tichanovskaja aan Poetin.")
    a = analyze(Article(text=text, language="nl", published=PartialDate(2020, 9, 15)))
    assert a.times and a.times[0].text.lower() == "maandag"
    assert a.quotes and a.quotes[0].speaker_key == "Svetlana Tichanovskaja"


def test_regional_language_tags_are_analysed() -> None:
    a = analyze(Article(text="Poetin ontving Loekasjenko in Sotsji.", language="nl-BE"))
    assert a.language == "nl" and a.mentions and not a.notes


def test_load_resources_changes_no_output() -> None:
    """Preloading dictionaries and word lists is only about when the cost is paid, never the result."""
    from storyline.text import load_resources

    article = Article(text="Premier Rutte zei dinsdag in Den Haag: \"We hebben 1,5 miljard euro nodig.\" "
                           "The minister said: \"This is the end.\"")
    before = analyze(article).to_dict()
    load_resources()
    assert analyze(article).to_dict() == before
