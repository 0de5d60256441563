"""Quotes and their speakers (storyline.text.quotes)."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Mention, Quote, Sentence
from storyline.text.quotes import find_quotes
from storyline.text.sentences import split_sentences


def one_sentence(text: str) -> list[Sentence]:
    return [Sentence(index=0, start=0, end=len(text), text=text)]


def person(text: str, surface: str, key: str, sentences: list[Sentence], nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    index = max(s.index for s in sentences if s.start <= start)
    return Mention(sentence=index, start=start, end=start + len(surface), text=surface, type="PER", key=key)


def quotes(text: str, mentions: list[Mention] | None = None, language: str = "nl") -> list[Quote]:
    sentences = split_sentences(text, language)
    found = find_quotes(text, sentences, mentions or [], language)
    for q in found:
        assert text[q.start:q.end] == q.text
    return found


@pytest.mark.parametrize(("text", "quoted", "speaker", "cue"), [
    ("‘Alle verdragen worden herzien’, aldus Tichanovskaja.", "Alle verdragen worden herzien",
     "Tichanovskaja", "aldus"),
    ("\"Het is de eerste keer\", zegt correspondent David Jan Godfroid.", "Het is de eerste keer",
     "David Jan Godfroid", "zegt"),
    ("Rutte: \"We gaan door.\"", "We gaan door.", "Rutte", ":"),
    ("Premier Rutte zei: ‘We gaan door.’", "We gaan door.", "Rutte", ":"),
    ("“We will rebuild,” said Smith.", "We will rebuild,", "Smith", "said"),
    ("“We will rebuild,” Smith said.", "We will rebuild,", "Smith", "said"),
    ("„Dat is onzin”, zei Jansen.", "Dat is onzin", "Jansen", "zei"),
    ("«Nooit», zei Jansen.", "Nooit", "Jansen", "zei"),
    ("\"Hij heeft de mensen belazerd,\" zegt PVV-Kamerlid Alexander Kops.", "Hij heeft de mensen belazerd,",
     "Alexander Kops", "zegt"),
    (",,Geloof de verhalen niet'', sust de partijleider.", "Geloof de verhalen niet", "de partijleider", "sust"),
    ("Bovendien: 'autorijden' is net zoiets als fietsen.", "autorijden", None, None),
    # an abbreviated title opens the name and is dropped (it was the whole speaker: 'Rep', 'Dr')
    ("\"We've got to reach out,\" said Rep. Joe Scarborough.", "We've got to reach out,", "Joe Scarborough", "said"),
    ("\"We have to vaccinate the children,\" Dr. Mario Soto said.", "We have to vaccinate the children,",
     "Mario Soto", "said"),
    ("'Het virus muteert snel', aldus prof. Marion Koopmans.", "Het virus muteert snel", "Marion Koopmans", "aldus"),
    # 'States' in a name is no speech verb ('the United States' was read as 'United states')
    ("Cohen said that the United States had been \"going after\" bin Laden.", "going after", "Cohen", "said"),
])
def test_quote_with_named_speaker(text: str, quoted: str, speaker: str, cue: str) -> None:
    found = quotes(text, language="en" if "said" in text else "nl")
    assert [(q.text, q.speaker, q.cue) for q in found] == [(quoted, speaker, cue)]


def test_pronoun_speaker_resolved_by_gender_to_preceding_person() -> None:
    text = ("Tichanovskaja, die naar Litouwen reisde, waarschuwde Poetin maandag. "
            "'Ik wil hem eraan herinneren dat de afspraken geen gewicht hebben', schreef ze op Telegram.")
    sentences = split_sentences(text, "nl")
    mentions = [person(text, "Tichanovskaja", "Svetlana Tichanovskaja", sentences),
                person(text, "Poetin", "Vladimir Poetin", sentences)]
    [q] = find_quotes(text, sentences, mentions, "nl")
    assert (q.speaker, q.speaker_key, q.cue) == ("Tichanovskaja", "Svetlana Tichanovskaja", "schreef ze")


def test_pronoun_prefers_the_subject_of_the_nearest_sentence() -> None:
    text = "Na de gesprekken bedankte Lukashenko Poetin en beloofde hij dichter bij \"oudere broer\" Moskou te blijven."
    sentences = split_sentences(text, "nl")
    mentions = [person(text, "Lukashenko", "Alexander Lukashenko", sentences),
                person(text, "Poetin", "Vladimir Poetin", sentences)]
    [q] = find_quotes(text, sentences, mentions, "nl")
    assert (q.text, q.speaker_key, q.cue) == ("oudere broer", "Alexander Lukashenko", "beloofde hij")


def test_pronoun_without_mentions_has_no_speaker_but_keeps_cue() -> None:
    [q] = quotes("Ook zei hij de hervormingen op dit \"moeilijke moment\" te steunen.")
    assert (q.text, q.speaker, q.speaker_key, q.cue) == ("moeilijke moment", None, None, "zei hij")


def test_scare_quotes_are_kept_and_speaker_found_by_verb_subject() -> None:
    text = "Loekasjenko sprak in Sotsji. Hij noemde Rusland maandag ‘een grote broer’ met wie Belarus een ‘gemeenschappelijk vaderland’ deelt."
    sentences = split_sentences(text, "nl")
    mentions = [person(text, "Loekasjenko", "Aleksandr Loekasjenko", sentences)]
    found = find_quotes(text, sentences, mentions, "nl")
    assert [(q.text, q.speaker_key) for q in found] == [
        ("een grote broer", "Aleksandr Loekasjenko"), ("gemeenschappelijk vaderland", "Aleksandr Loekasjenko")]


def test_quote_without_speaker() -> None:
    [q] = quotes("Het was een \"moeilijk moment\" voor het land.")
    assert (q.text, q.speaker, q.cue) == ("moeilijk moment", None, None)


def test_quote_spanning_sentences_and_context_speaker() -> None:
    text = ("Wat het betekent is onduidelijk, zegt Godfroid. \"Het is de eerste keer. Maar Rusland kan niet "
            "meteen ingrijpen.\"\n\nVolgens Godfroid zijn er opties. \"Poetin kan dreigen.\"")
    found = quotes(text)
    assert [(q.text, q.speaker, q.cue) for q in found] == [
        ("Het is de eerste keer. Maar Rusland kan niet meteen ingrijpen.", "Godfroid", "context"),
        ("Poetin kan dreigen.", "Godfroid", "context")]
    assert found[0].sentence == 1


def test_continued_quote_keeps_speaker() -> None:
    text = "'Ik wil dat ze luisteren', schreef Tichanovskaja. 'Het is spijtig.'"
    found = quotes(text)
    assert [(q.text, q.speaker, q.cue) for q in found] == [
        ("Ik wil dat ze luisteren", "Tichanovskaja", "schreef"), ("Het is spijtig.", "Tichanovskaja", "context")]
    text = "'Ik wil dat ze luisteren', schreef Tichanovskaja op Telegram. 'Het is spijtig.'"
    assert [(q.speaker, q.cue) for q in quotes(text)][1] == ("Tichanovskaja", "continued")


@pytest.mark.parametrize("text", [
    "Loekasjenko's plannen en zo'n lening, 's avonds laat.",
    "In de jaren '80 en '90 was het rustig.",
    "Loekasjenko’s ordetroepen en video’s van 't protest.",
    "De ouders' huis stond leeg.",
    "Een losse \" aanhalingsteken.",
    "Een losse ‘ aanhalingsteken.",
])
def test_apostrophes_and_lone_marks_are_not_quotes(text: str) -> None:
    assert quotes(text) == []


def test_quotes_do_not_cross_paragraphs() -> None:
    text = "Hij zei \"ja.\n\nEen nieuwe alinea\" en meer."
    assert quotes(text) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_never_raises(text: str) -> None:
    for q in find_quotes(text, one_sentence(text), [], "nl"):
        assert text[q.start:q.end] == q.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["'", "\"", "‘", "’", "“", "”", "„", "«", "»", " ", "zei", "hij", ",",
                                 "aldus", "Jansen", ":", ".", "\n", "s", "zo'n"]), max_size=40))
def test_never_raises_on_quote_soup(parts: list[str]) -> None:
    text = "".join(parts)
    sentences = split_sentences(text, "nl")
    mentions = [Mention(sentence=0, start=i, end=i + 6, text="Jansen", type="PER", key="Jan Jansen")
                for i in range(len(text)) if text.startswith("Jansen", i)]
    for q in find_quotes(text, sentences, mentions, "nl"):
        assert text[q.start:q.end] == q.text


def test_large_input_runs_in_bounded_time() -> None:
    chunk = "‘Alle verdragen worden herzien’, aldus Tichanovskaja. Hij zei \"ja\" en zo'n 's avonds. "
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    t0 = time.process_time()
    found = find_quotes(text, one_sentence(text), [], "nl")
    assert time.process_time() - t0 < 1.5
    assert len(found) > 1000
    for soup in ("'" * 100_000, "\"a" * 50_000, "‘x’ " * 25_000, "zei hij " * 12_000 + "\"x\""):
        t0 = time.process_time()
        find_quotes(soup, one_sentence(soup), [], "nl")
        assert time.process_time() - t0 < 1.5


@pytest.mark.parametrize(("text", "quoted", "speaker", "cue"), [
    (",,Dit getuigt van een visie die ik niet deel'', reageerde minister Schouten.",
     "Dit getuigt van een visie die ik niet deel", "Schouten", "reageerde"),
    (",,Anders moet u een half uur wachten\", zegt de conducteur.", "Anders moet u een half uur wachten",
     "de conducteur", "zegt"),
    ("Hij zei: ,,Het is klaar.''", "Het is klaar.", None, ":"),
])
def test_dutch_newspaper_quote_style(text: str, quoted: str, speaker: str | None, cue: str) -> None:
    found = quotes(text)
    assert [(q.text, q.speaker, q.cue) for q in found] == [(quoted, speaker, cue)]


def test_comma_pairs_in_numbers_and_lists_are_not_quotes() -> None:
    assert quotes("Hij telde 1,,5 en a,,b en zei niets.") == []


@pytest.mark.parametrize(("text", "quoted", "speaker", "cue"), [
    ("``We will not give up,'' the party said in a statement.", "We will not give up,", "the party", "said"),
    ("``There is a climate of division,'' parliamentary deputy Alberto Espina told reporters.",
     "There is a climate of division,", "Alberto Espina", "told"),
    ("Smith spoke first. ``They must not make unjust claims,'' it added.", "They must not make unjust claims,",
     None, "added"),
])
def test_english_newswire_style(text: str, quoted: str, speaker: str | None, cue: str) -> None:
    sentences = split_sentences(text, "en")
    mentions = [person(text, "Smith", "John Smith", sentences)] if "Smith" in text else []
    found = find_quotes(text, sentences, mentions, "en")
    assert [(q.text, q.speaker, q.cue) for q in found] == [(quoted, speaker, cue)]
