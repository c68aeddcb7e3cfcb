"""How much real Turkish text each box of the printed forms holds, beside the validator's
limit for it: at the smallest size a box may shrink to today (5 pt) and at 6.5 pt.

    .venv/bin/python bench/box_capacity.py

Text is tests/test_fit.py's (real words; names in capitals, as an MRZ gives them); a box's
capacity is the longest such text Painter.field fits in it (binary search).
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from gumruk_desk.printing.painter import LayoutOverflow, Painter, new_canvas  # noqa: E402
from test_fit import words  # noqa: E402

#: The validator's limits (domain/validation.py) for the boxes that hold typed text.
LIMITS = {
    "person.first_name": 60,
    "person.last_name": 60,
    "person.father_name": 60,
    "person.mother_name": 60,
    "person.birth_place": 80,
    "person.occupation": 100,
    "person.address": 500,
    "person.destination_address": 300,
    "person.phone": 30,
    "person.destination_phone": 30,
    "arrival_reason": 200,
    "beneficiary.name": 150,
    "sender.name": 150,
    "sender.id_number": 30,
    "purpose": 200,
    "source": 200,
}
NAMES = ("first_name", "last_name", "father_name", "mother_name", ".name")


def capacity(el: dict[str, object], min_size: float, names: bool) -> int:
    painter = Painter(new_canvas(io.BytesIO(), "t", "t"))
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
                min_size=min_size,  # type: ignore[arg-type]
            )
            lo = mid
        except LayoutOverflow:
            hi = mid - 1
    return lo


def main() -> int:
    print(f"{'form':5} {'field':30} {'limit':>6} {'5 pt':>6} {'6.5 pt':>7}")
    for layout in ("ek1", "ek2"):
        data = json.loads((ROOT / "forms" / f"{layout}.json").read_text(encoding="utf-8"))
        for el in data["elements"]:
            limit = LIMITS.get(str(el.get("value")))
            if el.get("type") != "field" or limit is None:
                continue
            names = any(k in str(el["value"]) for k in NAMES)
            small, readable = capacity(el, 5, names), capacity(el, 6.5, names)
            flag = "" if readable >= limit else "  < limit at 6.5 pt"
            print(f"{layout:5} {el['value']:30} {limit:6} {small:6} {readable:7}{flag}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
