"""Finding people whatever the case and the dot of the i: a name read from a passport's MRZ is
stored in Latin capitals (ERIKSSON), one typed at the counter in Turkish (Kılıç)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from factories import ek1
from gumruk_desk.domain.text import search_keys
from gumruk_desk.register.browse import RecordFilter
from gumruk_desk.services import Desk
from register_fixtures import OFFICER, OFFICER_PW

NAMES = ["ERIKSSON", "Eriksen", "Kılıç", "KILIÇ", "Kilimci", "Işık", "İnce", "Müller"]


@pytest.fixture
def people(desk: Desk) -> dict[str, str]:
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    numbers = {}
    for i, name in enumerate(NAMES):
        data: dict[str, Any] = ek1()
        data["person"] = copy.deepcopy(data["person"])
        data["person"]["last_name"] = name
        data["person"]["id_number"] = f"C01X{i:05d}"
        numbers[name] = desk.register(data, officer=officer).number
    return numbers


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("erik", {"ERIKSSON", "Eriksen"}),
        ("ERIK", {"ERIKSSON", "Eriksen"}),
        ("Erİk", {"ERIKSSON", "Eriksen"}),
        ("eriks", {"ERIKSSON", "Eriksen"}),
        ("erikss", {"ERIKSSON"}),
        ("kil", {"Kılıç", "KILIÇ", "Kilimci"}),
        ("kılı", {"Kılıç", "KILIÇ", "Kilimci"}),
        ("KILIÇ", {"Kılıç", "KILIÇ"}),
        ("ışık", {"Işık"}),
        ("ince", {"İnce"}),
        ("INCE", {"İnce"}),
        ("müller", {"Müller"}),
        ("mul", set()),  # the dot of the i only, not every mark
    ],
)
def test_a_surname_is_found_whatever_the_case_and_the_dot_of_the_i(
    desk: Desk, people: dict[str, str], typed: str, found: set[str]
) -> None:
    by_number = {number: name for name, number in people.items()}
    searched = {by_number[r.number] for r in desk.search(typed)}
    assert searched == found
    browsed = {by_number[r.number] for r in desk.browse(RecordFilter(text=typed), limit=50)}
    assert browsed == found
    assert desk.count_records(RecordFilter(text=typed)) == len(found)


def test_the_spellings_searched_are_bounded() -> None:
    assert search_keys("erik") == ["ERIK", "ERİK"]
    assert len(search_keys("ıııııııııı")) == 2**6
    assert search_keys("   ") == [""]
