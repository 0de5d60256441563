"""Name mentions: types from gazetteers and cues, sentence starts, surname carrying, adjectives, bad input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.model import Mention
from storyline.text.names import find_mentions
from storyline.text.sentences import split_sentences


def mentions(text: str, language: str = "nl") -> list[Mention]:
    return find_mentions(text, split_sentences(text, language), language)


def by_text(text: str, language: str = "nl") -> dict[str, Mention]:
    return {m.text: m for m in mentions(text, language)}


def test_places_with_dutch_exonyms_get_canonical_keys() -> None:
    got = by_text("Poetin ontving hem in Sotsji. Later reisde hij van Moskou naar Wit-Rusland en Rusland.")
    assert got["Sotsji"].type == "LOC" and got["Sotsji"].key == "Sochi"
    assert got["Moskou"].key == "Moscow"
    assert got["Wit-Rusland"].key == "Belarus" and got["Rusland"].key == "Russia"


def test_full_name_is_carried_to_bare_surname() -> None:
    text = ("Loekasjenko sprak maandag. Oppositieleider Svetlana Tichanovskaja reageerde. "
            "President Aleksandr Loekasjenko zweeg. Volgens Tichanovskaja is hij geen president meer.")
    ms = mentions(text)
    loek = [m for m in ms if m.head == "Loekasjenko"]
    assert len(loek) == 2 and {m.key for m in loek} == {"Aleksandr Loekasjenko"} and all(m.type == "PER" for m in loek)
    tich = [m for m in ms if m.head == "Tichanovskaja"]
    assert [m.key for m in tich] == ["Svetlana Tichanovskaja"] * 2


def test_cue_words_and_speech_verbs_make_persons() -> None:
    got = by_text("Volgens woordvoerder Peskov is het gesprek goed verlopen. Daarna zei Babariko niets.")
    assert got["Peskov"].type == "PER"
    assert got["Babariko"].type == "PER"


def test_country_adjectives_are_linked_not_merged() -> None:
    got = by_text("De Russische president steunt de Wit-Russische en Belarussische leiders, aldus de Franse krant.")
    assert got["Russische"].adjective and got["Russische"].key == "Russia"
    assert got["Wit-Russische"].key == "Belarus" and got["Belarussische"].key == "Belarus"
    assert got["Franse"].key == "France"


def test_organisations() -> None:
    got = by_text("De Europese Unie en de NAVO overleggen. Het Kremlin en de Europese Commissie zwijgen.")
    assert got["Europese Unie"].type == "ORG" and got["Europese Unie"].key == "European Union"
    assert got["NAVO"].key == "NATO" and got["Kremlin"].type == "ORG"
    assert got["Europese Commissie"].type == "ORG"
    assert by_text("Het gebouw van de Raad van State bleef dicht.")["Raad van State"].type == "ORG"
    assert by_text("The Bank of England raised rates.", "en")["Bank of England"].type == "ORG"


def test_capitalised_common_words_at_sentence_start_are_not_names() -> None:
    text = "Bekoelde relatie\n\nOppositie groeit. Afgelopen zondag gingen mensen de straat op. Dat was in Minsk."
    assert [m.text for m in mentions(text)] == ["Minsk"]


def test_name_at_sentence_start_kept_when_seen_elsewhere() -> None:
    got = mentions("Godfroid is expert. Volgens David Jan Godfroid is dat zo.")
    assert [m.text for m in got] == ["Godfroid", "David Jan Godfroid"]
    assert got[0].key == "David Jan Godfroid"


def test_juxtaposed_names_are_split() -> None:
    text = "Moskou steunt Minsk al jaren. Later steunde Moskou Minsk opnieuw."
    assert [m.text for m in mentions(text)] == ["Moskou", "Minsk", "Moskou", "Minsk"]


def test_english_names() -> None:
    got = by_text("Prime Minister Mark Rutte met President Vladimir Putin in Moscow on Monday.", "en")
    assert got["Mark Rutte"].type == "PER" and got["Vladimir Putin"].type == "PER"
    assert got["Moscow"].type == "LOC"
    assert "Monday" not in got


def test_an_abbreviated_title_before_a_name_is_no_name_of_its_own() -> None:
    got = by_text("But Sen. Robert Torricelli and Rep. Henry Hyde disagreed, said Gov. George Pataki.", "en")
    assert {"Robert Torricelli", "Henry Hyde", "George Pataki"} <= set(got)
    assert not {"Sen", "Rep", "Gov"} & set(got)  # 'Sen' was an organisation of its own
    kept = by_text("Premier Hun Sen van Cambodja en de econoom Amartya Sen spraken elkaar.")
    assert "Hun Sen" in kept and "Amartya Sen" in kept


def test_spans_are_exact() -> None:
    text = "Rusland gaat de Belarussische president Loekasjenko\u2019s regering steunen, zei Poetin in Sotsji."
    for m in mentions(text):
        assert text[m.start:m.end] == m.text
    assert "Loekasjenko" in by_text(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_never_raises(text: str) -> None:
    for m in mentions(text):
        assert text[m.start:m.end] == m.text and m.type in ("PER", "LOC", "ORG", "MISC")


def test_odd_input() -> None:
    for text in ["", "'", "\u201c", "Ab" * 50_000, "Москва и Минск. Путин приехал.", "A B C D E F G", "1,5,3 €"]:
        mentions(text)


def test_initials_and_capitalised_particles() -> None:
    got = by_text("Volgens J. de Vries is het zo. Burgemeester Van der Laan was het eens met De Vries.")
    assert got["J. de Vries"].type == "PER"
    assert got["Van der Laan"].type == "PER"
    assert got["De Vries"].key == "J. de Vries"
    assert by_text("President George W. Bush spoke.", "en")["George W. Bush"].type == "PER"


def test_acronym_defined_in_parentheses_shares_the_long_name() -> None:
    text = "Het Government Accountability Office (GAO) oordeelde hard. Het GAO wil een nieuwe aanbesteding."
    gao = [m for m in mentions(text) if m.text == "GAO"]
    assert gao and all(m.key == "Government Accountability Office" and m.type == "ORG" for m in gao)


def test_gazetteer_has_dutch_exonyms_and_names() -> None:
    from storyline.text.gazetteer import gazetteer

    g = gazetteer()
    expected = {"Sotsji": "Sochi", "Moskou": "Moscow", "Den Haag": "The Hague", "Wit-Rusland": "Belarus",
                "Belarus": "Belarus", "Rusland": "Russia", "Verenigde Staten": "United States", "Parijs": "Paris"}
    for surface, canonical in expected.items():
        place = g.place(surface)
        assert place is not None and place.canonical == canonical, surface
    assert g.place("Maandag") is None and g.place("Union") is None
    assert g.is_given("Svetlana") and g.is_given("Vladimir") and g.is_given("Mark")
    assert g.adjective_country("Wit-Russische") == "Belarus" and g.adjective_country("Russische") == "Russia"


def test_party_names_place_adjectives_and_descriptors() -> None:
    got = by_text("Volgens VVD-leider Mark Rutte wint Forum voor Democratie niet. De Amsterdamse wethouder "
                  "en de Partij voor de Dieren zwijgen, net als GroenLinks en Thierry Baudet van FvD.")
    assert got["Forum voor Democratie"].type == "ORG" and got["Partij voor de Dieren"].type == "ORG"
    assert got["Mark Rutte"].type == "PER" and got["VVD"].type == "ORG"
    assert got["Amsterdamse"].adjective and got["Amsterdamse"].key == "Amsterdam"
    assert got["GroenLinks"].type == "ORG"
    assert got["Thierry Baudet"].type == "PER" and "FvD" in got


def test_minister_portfolio_is_not_part_of_the_name() -> None:
    got = by_text("Volgens minister Ferdinand Grapperhaus van Justitie is dat zo.")
    assert got["Ferdinand Grapperhaus"].type == "PER" and "Justitie" in got


def test_word_caches_answer_like_the_rules() -> None:
    """_is_cap/_is_cue caches are keyed by the word only: the same answer on first and later calls."""
    from storyline.text.names import _is_cap, _is_cue
    from storyline.text.tokens import Token

    for word, cap, cue in [("Rutte", True, False), ("minister", False, True), ("Minister.", True, True),
                           ("de", False, False), ("123", False, False)]:
        for _ in range(2):
            assert _is_cap(Token(word, 0, len(word))) is cap
            assert _is_cue(word) is cue
