"""How much real Turkish text each box of the printed forms holds at the smallest print size
(6.5 pt), beside the validator's limit for it: a limit above the capacity is a record that
registration would refuse at the render check instead of under its field.

    .venv/bin/python bench/box_capacity.py

Text is tests/test_fit.py's (real words; names in capitals, as an MRZ gives them); a box's
capacity is the longest such text Painter.field fits in it (binary search, strict).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gumruk_desk.domain.validation import EK2_BOXES  # noqa: E402
from gumruk_desk.printing.painter import MIN_TEXT, LayoutOverflow, Painter, new_canvas  # noqa: E402
from test_fit import words  # noqa: E402

#: The validator's limits (domain/validation.py) for the boxes that hold typed text.
_EK2 = {name: printed for name, (printed, _stored) in EK2_BOXES.items()}
LIMITS = {
    "ek1": {
        "person.first_name": 60,
        "person.last_name": 60,
        "person.father_name": 60,
        "person.birth_place": 80,
        "arrival_reason": 200,
        "beneficiary.name": 150,
    },
    "ek2": {
        "person.first_name": _EK2["name"],
        "person.last_name": _EK2["name"],
        "person.father_name": _EK2["name"],
        "person.mother_name": _EK2["name"],
        "person.birth_place": _EK2["birth_place"],
        "person.occupation": _EK2["occupation"],
        "person.address": _EK2["address"],
        "person.destination_address": _EK2["destination_address"],
        "person.phone": 30,
        "person.destination_phone": 30,
        "sender.name": _EK2["sender"],
        "sender.id_number": 30,
        "purpose": _EK2["purpose"],
        "source": _EK2["source"],
    },
}
NAMES = ("first_name", "last_name", "father_name", "mother_name", ".name")


def capacity(el: dict[str, Any], names: bool) -> int:  # a layout element, as load_layout reads it
    painter = Painter(new_canvas(io.BytesIO(), "t", "t"), strict=True)
    lo, hi = 1, 3000
    while lo < hi:
        mid = (lo + hi + 1) // 2
        try:
            painter.field(
                0,
                0,
                float(el["w"]),
                float(el["h"]),
                str(el["label"]),
                words(mid, names=names),
                size=float(el.get("size", 9)),
            )
            lo = mid
        except LayoutOverflow:
            hi = mid - 1
    return lo


def main() -> int:
    print(f"{'form':5} {'field':30} {'limit':>6} {'holds':>6}   (at {MIN_TEXT} pt)")
    short = 0
    for layout in ("ek1", "ek2"):
        data = json.loads((ROOT / "forms" / f"{layout}.json").read_text(encoding="utf-8"))
        for el in data["elements"]:
            limit = LIMITS[layout].get(str(el.get("value")))
            if el.get("type") != "field" or limit is None:
                continue
            holds = capacity(el, any(k in str(el["value"]) for k in NAMES))
            flag = "" if holds >= limit else "  < limit"
            short += holds < limit
            print(f"{layout:5} {el['value']:30} {limit:6} {holds:6}{flag}")
    return 1 if short else 0


if __name__ == "__main__":
    raise SystemExit(main())
