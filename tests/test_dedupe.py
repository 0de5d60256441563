"""Exact and near-duplicate detection (storyline.dedupe) on hand-written Dutch articles."""

from __future__ import annotations

import json

from storyline.dedupe import DuplicateIndex, find_duplicates, shingles
from storyline.model import Article, PartialDate

BODY = [
    "Het kabinet trekt volgend jaar 300 miljoen euro uit voor de verbetering van dijken langs de grote rivieren.",
    "Dat heeft minister Harbers van Infrastructuur dinsdag bekendgemaakt tijdens een bezoek aan Zaltbommel.",
    "Volgens het ministerie zijn ruim veertig kilometer dijk niet meer veilig genoeg bij extreem hoogwater.",
    "Waterschappen klagen al jaren dat het geld voor onderhoud te laat komt en dat de procedures te lang duren.",
    "De eerste werkzaamheden beginnen in het voorjaar bij Tiel en duren naar verwachting drie jaar.",
    "Omwonenden worden via informatieavonden op de hoogte gehouden van de plannen en de omleidingen.",
]
OTHER = [
    "De politie heeft in Rotterdam twee mannen aangehouden na een overval op een juwelier in de binnenstad.",
    "Het tweetal ging ervandoor met horloges en sieraden ter waarde van enkele tienduizenden euro's.",
    "Getuigen zagen hoe de mannen op een scooter wegreden richting de Erasmusbrug.",
    "De juwelier raakte lichtgewond en is door ambulancepersoneel ter plekke behandeld.",
]


def art(text: str, title: str = "", published: str | None = None, outlet: str | None = None) -> Article:
    return Article(text=text, title=title or None, published=PartialDate.parse(published) if published else None,
                   outlet=outlet)


def test_exact_copy_with_other_layout_and_quotes_is_grouped_original_first() -> None:
    a = art(" ".join(BODY), "Dijken", "2024-03-02", outlet="AD")
    b = art("\n\n".join(BODY).replace("'", "\u2019"), "Geld voor dijken", "2024-03-01", outlet="Trouw")
    c = art(" ".join(OTHER), "Overval")
    groups = find_duplicates([a, b, c])
    assert groups == [[b.id, a.id]]  # b was published first: it is the original


def test_edited_and_shortened_copies_are_near_duplicates_but_another_story_is_not() -> None:
    edited = BODY.copy()
    edited[2] = "Volgens het ministerie zijn bijna vijftig kilometer dijk onvoldoende veilig bij extreem hoogwater."
    dropped = BODY[:4] + BODY[5:]
    same_topic = [BODY[0], "Boeren langs de Waal vrezen dat zij grond moeten afstaan voor de dijkversterking.",
                  "De provincie Gelderland wil eerst een onderzoek naar de gevolgen voor de natuur.",
                  "Een woordvoerder van het waterschap noemt de plannen een goede eerste stap."]
    arts = [art(" ".join(BODY), "A"), art(" ".join(edited), "B"), art(" ".join(dropped), "C"),
            art(" ".join(same_topic), "D"), art(" ".join(OTHER), "E")]
    groups = find_duplicates(arts)
    assert len(groups) == 1
    assert set(groups[0]) == {arts[0].id, arts[1].id, arts[2].id}
    assert groups[0][0] == arts[0].id  # undated: first seen is the original


def test_short_texts_only_match_exactly() -> None:
    idx = DuplicateIndex()
    assert idx.add("a", "Zie de video hieronder.") is None
    assert idx.add("b", "Zie de video hier onder.") is None
    assert idx.add("c", "Zie de video hieronder.") == "a"
    assert idx.add("d", "") is None and idx.add("e", "") is None  # empty bodies are no copies of each other


def test_index_state_round_trip() -> None:
    idx = DuplicateIndex()
    idx.add("a", " ".join(BODY))
    idx.add("b", " ".join(OTHER))
    restored = DuplicateIndex.from_state(json.loads(json.dumps(idx.state_dict())))
    assert restored.add("c", " ".join(BODY[:5])) == "a"
    assert restored.add("e", " ".join(BODY[1:])) == "a"  # matches a copy: reported as the group's original
    assert restored.original_of("c") == "a" and restored.original_of("b") is None
    assert restored.groups() == [["a", "c", "e"]]


def test_near_duplicate_search_only_looks_back_a_window() -> None:
    idx = DuplicateIndex(window=1)
    idx.add("a", " ".join(BODY))
    idx.add("b", " ".join(OTHER))  # pushes 'a' out of the window
    assert idx.add("c", " ".join(BODY[:5])) is None
    assert idx.add("d", " ".join(BODY)) == "a"  # exact copies are still found


def test_shingles_are_word_five_grams_of_normalised_text() -> None:
    assert shingles("Een twee drie vier vijf zes") == {b"een twee drie vier vijf", b"twee drie vier vijf zes"}
    assert shingles("Kort") == {b"kort"}
    assert shingles("") == set()
