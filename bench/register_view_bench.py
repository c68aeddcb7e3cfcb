"""The desk window on a large register (run by hand; prints figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/register_view_bench.py \
        [--size 1000000] [--seconds 5] [--rebuild]

The register is the one ``bench/open_bench.py`` builds (a few records registered through
``Desk``, copied with SQL to the size asked, each with its whole content and its registration
and print events) and caches under the system's temporary folder, so later runs start at once.
Measured, on the UI thread as the window does it:

1. opening: ``Desk(home)`` (schema version, the bounded check at open), then ``MainWindow``
   until the first rows are on screen, against the same on a register of 30 records;
2. the count query behind each filter, and the first page of each;
3. ``fetchMore``: time per page of 200 rows, near the top and deep in the register;
4. scrolling: time per page when the view itself asks for more (scroll to the bottom, let the
   view fetch and lay out), pages reached in N seconds, and the time to reach the end at that
   pace (keyset paging has no "jump to row n": the end is reached page by page);
5. searching through the window: surname prefix, number, document number (count + first page
   + table reset + detail pane), as after the debounce.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from register_bench import SURNAMES  # noqa: E402

from factories import ek1, ek2  # noqa: E402
from gumruk_desk.register.browse import RecordFilter  # noqa: E402
from gumruk_desk.register.db import DB_FILE  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from register_fixtures import OFFICER, OFFICER_PW, setup_register  # noqa: E402


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(values) * 1000:8.2f} ms, p95 {p95 * 1000:8.2f} ms"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def cached_register(size: int, rebuild: bool) -> Path:
    """The register of ``bench/open_bench.py``: real-size records of both kinds and their
    events, cached under the system's temporary folder."""
    from open_bench import cached

    return cached(size, rebuild)


def small_register(root: Path) -> Path:
    home = root / "small"
    setup_register(home)
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        for i in range(30):
            desk.register(ek1() if i % 2 else ek2(witness_officer=None), officer=officer)
    return home


def open_window(home: Path) -> tuple[float, float, object, Desk]:
    """(seconds to open the register, seconds until the window shows its first rows)."""
    from PySide6.QtWidgets import QApplication

    from gumruk_desk.ui.main_window import MainWindow

    start = time.perf_counter()
    desk = Desk(home)
    opened = time.perf_counter() - start
    officer = desk.authenticate(OFFICER, OFFICER_PW)
    start = time.perf_counter()
    window = MainWindow(desk, officer)
    window.show()
    QApplication.processEvents()
    window.view.viewport().repaint()  # the rows really painted, not only loaded
    shown = time.perf_counter() - start
    assert window.model.rowCount() > 0
    return opened, shown, window, desk


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from gumruk_desk.ui.app import application
    from gumruk_desk.ui.register_model import PAGE_SIZE, RegisterModel

    app = application()
    home = cached_register(args.size, args.rebuild)
    with tempfile.TemporaryDirectory() as tmp:
        small = small_register(Path(tmp))
        # Warm-up (imports, fonts, Qt's first window) so neither side pays it.
        _, _, window, desk = open_window(small)
        window.close()
        desk.close()
        small_open, small_shown, window, desk = open_window(small)
        window.close()
        desk.close()

    big_open, big_shown, window, desk = open_window(home)
    print(f"\n1. opening ({args.size:,} records vs 30)".replace(",", "."))
    print(
        f"   Desk(home) on {args.size} records: {big_open * 1000:.0f} ms "
        f"(30 records: {small_open * 1000:.0f} ms)"
    )
    print(
        f"   MainWindow until the first rows are painted: {big_shown * 1000:.0f} ms "
        f"(30 records: {small_shown * 1000:.0f} ms, ratio {big_shown / small_shown:.2f}x)"
    )

    with sqlite3.connect(home / DB_FILE) as c:
        some_doc = c.execute(
            "SELECT id_number FROM record WHERE id = ?", (args.size // 2,)
        ).fetchone()[0]
        some_number = c.execute(
            "SELECT number FROM record WHERE id = ?", (args.size // 3,)
        ).fetchone()[0]
    today = datetime.date.today()
    filters = {
        "no filter": RecordFilter(),
        "kind": RecordFilter(kind="nakit_beyan"),
        "date range (last 30 days)": RecordFilter(date_from=today - datetime.timedelta(days=30)),
        "status registered": RecordFilter(status="registered"),
        "status cancelled": RecordFilter(status="cancelled"),
        "not uploaded": RecordFilter(synced=False),
        "uploaded": RecordFilter(synced=True),
        "surname prefix 'Yıl'": RecordFilter(text="Yıl"),
        "number": RecordFilter(text=some_number),
        "document number": RecordFilter(text=some_doc),
        "prefix 'Yıl' + kind": RecordFilter(text="Yıl", kind="nakit_aciklama"),
    }
    print("\n2. per filter: count (worker thread) and first page (UI thread)")
    for label, flt in filters.items():
        count = desk.count_records(flt)
        counts = timed(lambda flt=flt: desk.count_records(flt), 5)
        pages = timed(lambda flt=flt: desk.browse(flt, limit=PAGE_SIZE), 5)
        print(f"   {label:28s} {count:>9} rows | count {ms(counts)} | first page {ms(pages)}")

    print(f"\n3. fetchMore, {PAGE_SIZE} rows a page")
    for label, flt in (
        ("no filter", RecordFilter()),
        ("surname prefix 'Yıl'", RecordFilter(text="Yıl")),
    ):
        model = RegisterModel(desk)
        model.set_filter(flt)
        per_page = []
        for _ in range(50):
            if not model.canFetchMore():
                break
            start = time.perf_counter()
            model.fetchMore()
            per_page.append(time.perf_counter() - start)
        print(f"   {label}, pages 2-{len(per_page) + 1}: {ms(per_page)}")
        model.close()
    for position in (args.size // 2, 5_000):
        deep = timed(
            lambda p=position: desk.browse(RecordFilter(), before_id=p, limit=PAGE_SIZE), 20
        )
        print(f"   a page after id {position}: {ms(deep)}")

    print(f"\n4. scrolling: the view asks for the next page at the bottom ({args.seconds:.0f} s)")
    window.clear_filters()
    view, model = window.view, window.model
    start = time.perf_counter()
    pages = []
    while time.perf_counter() - start < args.seconds and model.canFetchMore():
        before = time.perf_counter()
        rows = model.rowCount()
        view.scrollToBottom()
        QApplication.processEvents()
        if model.rowCount() > rows:
            pages.append(time.perf_counter() - before)
    reached = model.rowCount()
    per = statistics.median(pages)
    total_pages = args.size / PAGE_SIZE
    print(
        f"   {len(pages)} pages ({reached} rows) in {args.seconds:.0f} s; "
        f"per page with layout: {ms(pages)}"
    )
    print(
        f"   at that pace the end ({total_pages:.0f} pages) is {total_pages * per:.0f} s away; "
        "a search or a date filter gets there directly"
    )

    print("\n5. search through the window, as after the debounce")
    print("   UI thread: first page + table reset + detail pane; the count runs on a worker")
    for label, queries in (
        ("surname prefix", [s[:3] for s in SURNAMES]),
        ("number", [some_number]),
        ("document number", [some_doc]),
    ):
        ui, counted = [], []
        for q in queries * (20 // len(queries) or 1):
            window.search_edit.blockSignals(True)
            window.search_edit.setText(q)
            window.search_edit.blockSignals(False)
            start = time.perf_counter()
            window.apply_filters()
            ui.append(time.perf_counter() - start)
            window.model.wait_for_count()
            QApplication.processEvents()
            counted.append(time.perf_counter() - start)
            assert window.model.total() is not None
        print(f"   {label:16s} UI thread {ms(ui)} | total shown after {ms(counted)}")

    print("\n6. other work on the UI thread")
    status = timed(desk.status, 20)
    print(f"   status bar (Desk.status): {ms(status)}")
    numbers = [window.model.number_at(r) for r in range(min(20, window.model.rowCount()))]
    shows = timed(lambda: [window.detail.show_record(n) for n in numbers[:1]], 20)
    print(f"   detail pane (Desk.show + layout): {ms(shows)}")

    window.close()
    window.deleteLater()
    app.processEvents()
    desk.close()


if __name__ == "__main__":
    main()
