"""The desk window on a large register (run by hand; prints figures, asserts nothing).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/register_view_bench.py \
        [--size 1000000] [--seconds 5] [--rebuild] [--plain]

The register is the one ``bench/open_bench.py`` builds (a few records registered through
``Desk``, copied with SQL to the size asked, each with its whole content and its registration
and print events) and caches under the system's temporary folder, so later runs start at once.
It is encrypted (SQLCipher 4) as a desk's register is, its key kept in the bench's own
keyring file beside it (``bench/bench_keyring.py``); every page read from the file is
decrypted, which is what the figures below pay beside the plain SQLite they were first
measured on. ``--plain`` runs the same on an unencrypted register (cached apart), for the
cost of the encryption alone.
Measured:

1. opening: ``Desk(home)`` (schema version, the bounded check at open), then ``MainWindow``
   until the first rows are on screen, against the same on a register of 30 records;
2. the SQL behind each filter (count and first page), as the model's workers run it;
3. scrolling: pages the view asks for at the bottom of the table, each fetched on the worker;
4. the window as the officer meets it, with a heartbeat timer on the UI thread (every 2 ms)
   whose largest gap is the longest the window stalled (target <= 50 ms):
   a. searching: text typed into the search box key by key (a key every 150 ms; a scanner's
      burst for the numbers), from the last key until the rows are in the table, the first
      selected and the detail pane filled (target <= 100 ms);
   b. the kind, date and status filters chosen in their boxes, until their first page is in
      the table (target <= 200 ms), and until their count is shown;
5. the other work on the UI thread (status bar, detail pane).
"""

from __future__ import annotations

import argparse
import datetime
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Qt is imported where the window is measured, not at start
    from PySide6.QtCore import QAbstractItemModel
    from PySide6.QtWidgets import QComboBox

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_keyring import use_keyring  # noqa: E402
from register_bench import SURNAMES  # noqa: E402

from factories import ek1, ek2  # noqa: E402
from gumruk_desk.register import driver  # noqa: E402
from gumruk_desk.register.browse import RecordFilter  # noqa: E402
from gumruk_desk.register.db import DB_FILE  # noqa: E402
from gumruk_desk.services import Desk  # noqa: E402
from register_fixtures import OFFICER, OFFICER_PW, setup_register  # noqa: E402

STALL_TARGET_MS = 50
SEARCH_TARGET_MS = 100
FILTER_TARGET_MS = 200
KEY_INTERVAL_MS = 150  # an officer typing a surname; a scanner types 5 ms apart
SCANNER_INTERVAL_MS = 5
HEARTBEAT_MS = 2


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(values) * 1000:8.2f} ms, p95 {p95 * 1000:8.2f} ms"


def verdict(value_ms: float, target_ms: float) -> str:
    met = "met" if value_ms <= target_ms else "NOT MET"
    return f"{value_ms:7.1f} ms (target <= {target_ms} ms: {met})"


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def cached_register(size: int, rebuild: bool, plain: bool) -> Path:
    """The register of ``bench/open_bench.py``: real-size records of both kinds and their
    events, cached under the system's temporary folder (encrypted, or plain with
    ``plain``); its keyring is this process's from now on."""
    from open_bench import cached

    return cached(size, rebuild, plain)


def small_register(root: Path) -> Path:
    home = root / "small"
    setup_register(home)
    with Desk(home) as desk:
        officer = desk.authenticate(OFFICER, OFFICER_PW)
        for i in range(30):
            desk.register(ek1() if i % 2 else ek2(witness_officer=None), officer=officer)
    return home


def open_window(home: Path) -> tuple[float, float, Any, Desk]:
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


class Heartbeat:
    """A timer on the UI thread; the largest gap between its ticks is the longest stall."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(HEARTBEAT_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.gc_worst = 0.0  # the longest garbage collection meanwhile (it stalls too)
        self._gc_start = 0.0

    def _gc(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.gc_worst = max(self.gc_worst, time.perf_counter() - self._gc_start)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def start(self) -> None:
        self.last = time.perf_counter()
        self.worst = 0.0
        self.gc_worst = 0.0
        gc.callbacks.append(self._gc)
        self.timer.start()

    def stop(self) -> float:
        """The longest stall, in seconds, beyond the timer's own interval."""
        self.timer.stop()
        if self._gc in gc.callbacks:
            gc.callbacks.remove(self._gc)
        return max(0.0, self.worst - HEARTBEAT_MS / 1000)


def run_until(done: Callable[[], bool], timeout: float = 30.0) -> None:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    end = time.perf_counter() + timeout
    app = QApplication.instance()
    assert app is not None
    while not done():
        if time.perf_counter() > end:
            raise SystemExit("the window never answered")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 5)


def type_into(window: Any, text: str, interval_ms: int) -> tuple[float, float]:
    """Type ``text`` into the search box, a key every ``interval_ms`` from the event loop;
    (seconds from the last key to its rows in the table, the longest stall)."""
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    edit = window.search_edit
    edit.setFocus()
    edit.selectAll()
    state: dict[str, float] = {}

    def key(ch: str, last: bool) -> None:
        code = ord(ch.upper()) if len(ch.upper()) == 1 else ord(ch)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(edit, QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, ch))
        if last:
            state["last_key"] = time.perf_counter()

    def on_loaded() -> None:
        if "last_key" in state and window.model.record_filter.text == text:
            state.setdefault("rows", time.perf_counter())

    window.model.loaded.connect(on_loaded)
    heartbeat = Heartbeat()
    heartbeat.start()
    last_index = len(text) - 1
    for i, ch in enumerate(text):
        QTimer.singleShot(i * interval_ms, lambda ch=ch, last=i == last_index: key(ch, last))
    run_until(lambda: "rows" in state)
    run_until(lambda: window.model.total() is not None)
    stall = heartbeat.stop()
    window.model.loaded.disconnect(on_loaded)
    return state["rows"] - state["last_key"], stall


def _grown(model: QAbstractItemModel, rows: int) -> bool:
    return model.rowCount() > rows


def _pick(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(combo.findData(value))


def choose(window: Any, change: Callable[[], None]) -> tuple[float, float, float]:
    """Apply a filter through its box; (seconds to the first page in the table, to the
    count shown, the longest stall)."""
    state: dict[str, float] = {}

    def on_loaded() -> None:
        state.setdefault("rows", time.perf_counter())

    def on_total(_total: int) -> None:
        state.setdefault("total", time.perf_counter())

    window.model.loaded.connect(on_loaded)
    window.model.total_changed.connect(on_total)
    heartbeat = Heartbeat()
    heartbeat.start()
    run_until(lambda: True)
    start = time.perf_counter()
    change()
    run_until(lambda: "rows" in state and "total" in state)
    stall = heartbeat.stop()
    window.model.loaded.disconnect(on_loaded)
    window.model.total_changed.disconnect(on_total)
    return state["rows"] - start, state["total"] - start, stall


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--plain", action="store_true", help="registers not encrypted")
    args = parser.parse_args()

    from gumruk_desk.ui.app import application
    from gumruk_desk.ui.register_model import PAGE_SIZE

    app = application()
    home = cached_register(args.size, args.rebuild, args.plain)
    kind = "plain" if args.plain else "encrypted (SQLCipher)"
    print(f"register: {kind}; load average at the start {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        # The small register's key goes into a copy of the cached keyring, not into it.
        use_keyring(Path(tmp) / "keyring.json", seed=home.parent / "keyring.json")
        small = small_register(Path(tmp))
        # Warm-up (imports, fonts, Qt's first window) so neither side pays it.
        _, _, window, desk = open_window(small)
        window.close()
        desk.close()
        small_open, small_shown, window, desk = open_window(small)
        window.close()
        desk.close()
    use_keyring(home.parent / "keyring.json")

    big_open, big_shown, window, desk = open_window(home)
    gc.freeze()  # as the application does once the window is shown (DeskSession)
    print(f"\n1. opening ({args.size:,} records vs 30)".replace(",", "."))
    print(
        f"   Desk(home) on {args.size} records: {big_open * 1000:.0f} ms "
        f"(30 records: {small_open * 1000:.0f} ms)"
    )
    print(
        f"   MainWindow until the first rows are painted: {big_shown * 1000:.0f} ms "
        f"(30 records: {small_shown * 1000:.0f} ms, ratio {big_shown / small_shown:.2f}x)"
    )

    c = driver.connect(home / DB_FILE, desk.db.key, read_only=True)  # key None: --plain
    try:
        some_doc = c.execute(
            "SELECT id_number FROM record WHERE id = ?", (args.size // 2,)
        ).fetchone()[0]
        some_number = c.execute(
            "SELECT number FROM record WHERE id = ?", (args.size // 3,)
        ).fetchone()[0]
    finally:
        c.close()
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
        "surname prefix 'A'": RecordFilter(text="A"),
        "number": RecordFilter(text=some_number),
        "document number": RecordFilter(text=some_doc),
        "prefix 'Yıl' + kind": RecordFilter(text="Yıl", kind="nakit_aciklama"),
    }
    print("\n2. the SQL per filter, as the workers run it: count and first page")
    for label, flt in filters.items():
        count = desk.count_records(flt)
        counts = timed(partial(desk.count_records, flt), 5)
        pages = timed(partial(desk.browse, flt, limit=PAGE_SIZE), 5)
        print(f"   {label:28s} {count:>9} rows | count {ms(counts)} | first page {ms(pages)}")
    for position in (args.size // 2, 5_000):
        deep = timed(partial(desk.browse, RecordFilter(), before_id=position, limit=PAGE_SIZE), 20)
        print(f"   a page after id {position}: {ms(deep)}")

    heartbeat = Heartbeat()
    heartbeat.start()
    idle_until = time.perf_counter() + 3
    run_until(lambda: time.perf_counter() > idle_until)
    print(
        f"\n   for reference, the longest stall of the idle window in 3 s: "
        f"{heartbeat.stop() * 1000:.1f} ms (the machine's own noise: other processes, the GC)"
    )

    print(f"\n3. scrolling: the view asks for the next page at the bottom ({args.seconds:.0f} s)")
    window.clear_filters()
    run_until(lambda: not window.model.is_loading())
    view, model = window.view, window.model
    heartbeat.start()
    start = time.perf_counter()
    pages = []
    while time.perf_counter() - start < args.seconds and model.canFetchMore():
        before = time.perf_counter()
        rows = model.rowCount()
        view.scrollToBottom()
        run_until(partial(_grown, model, rows))
        view.viewport().repaint()
        pages.append(time.perf_counter() - before)
    stall = heartbeat.stop()
    per = statistics.median(pages)
    total_pages = args.size / PAGE_SIZE
    print(
        f"   {len(pages)} pages ({model.rowCount()} rows) in {args.seconds:.0f} s; "
        f"per page, fetched and painted: {ms(pages)}"
    )
    print(
        f"   longest stall of the window while scrolling: {verdict(stall * 1000, STALL_TARGET_MS)}"
        f" (the longest garbage collection meanwhile: {heartbeat.gc_worst * 1000:.1f} ms)"
    )
    print(
        f"   at that pace the end ({total_pages:.0f} pages) is {total_pages * per:.0f} s away; "
        "a search or a date filter gets there directly"
    )

    print("\n4a. searching through the box, key by key (the rows: first selected, pane filled)")
    searches: list[tuple[str, list[str], int]] = [
        ("surname, 3 letters", [s[:3] for s in SURNAMES], KEY_INTERVAL_MS),
        ("surname, 1 letter", sorted({s[:1] for s in SURNAMES}), KEY_INTERVAL_MS),
        ("surname, whole", SURNAMES[:6], KEY_INTERVAL_MS),
        ("number (scanner)", [some_number] * 4, SCANNER_INTERVAL_MS),
        ("number (typed)", [some_number] * 2, KEY_INTERVAL_MS),
        ("document (scanner)", [some_doc] * 4, SCANNER_INTERVAL_MS),
    ]
    worst_stall = 0.0
    for label, queries, interval in searches:
        results, stalls = [], []
        for q in queries:
            window.clear_filters()
            run_until(lambda: not window.model.is_loading())
            result, stall = type_into(window, q, interval)
            results.append(result)
            stalls.append(stall)
        worst_stall = max(worst_stall, max(stalls))
        print(
            f"   {label:20s} rows after the last key: {ms(results)}; worst "
            f"{verdict(max(results) * 1000, SEARCH_TARGET_MS)} | longest stall "
            f"{verdict(max(stalls) * 1000, STALL_TARGET_MS)}"
        )

    print("\n4b. filters chosen in their boxes (first page in the table, count shown)")
    combos = {
        "kind: Nakit Beyan Formu": (window.kind_combo, "nakit_beyan"),
        "kind: Nakit Açıklama Tutanağı": (window.kind_combo, "nakit_aciklama"),
        "status: Kayıtlı": (window.state_combo, "registered"),
        "status: İptal": (window.state_combo, "cancelled"),
        "upload: Bekliyor": (window.sync_combo, False),
    }
    for label, (combo, value) in combos.items():
        firsts, totals, stalls = [], [], []
        for _ in range(5):
            window.clear_filters()
            run_until(lambda: not window.model.is_loading())
            first, counted, stall = choose(
                window,
                partial(_pick, combo, value),
            )
            firsts.append(first)
            totals.append(counted)
            stalls.append(stall)
        worst_stall = max(worst_stall, max(stalls))
        print(
            f"   {label:30s} first page {verdict(max(firsts) * 1000, FILTER_TARGET_MS)} "
            f"(median {statistics.median(firsts) * 1000:.1f}) | count shown median "
            f"{statistics.median(totals) * 1000:.1f} ms | longest stall "
            f"{verdict(max(stalls) * 1000, STALL_TARGET_MS)}"
        )
    for label, days in (("date: last 30 days", 30), ("date: last 3 days", 3)):
        firsts, totals, stalls = [], [], []
        for _ in range(5):
            window.clear_filters()
            run_until(lambda: not window.model.is_loading())

            def change(days: int = days) -> None:
                window.date_from_edit.set_date(today - datetime.timedelta(days=days))
                window.apply_filters()  # what the end of the debounce does

            first, counted, stall = choose(window, change)
            firsts.append(first)
            totals.append(counted)
            stalls.append(stall)
        worst_stall = max(worst_stall, max(stalls))
        print(
            f"   {label:30s} first page {verdict(max(firsts) * 1000, FILTER_TARGET_MS)} "
            f"(median {statistics.median(firsts) * 1000:.1f}) | count shown median "
            f"{statistics.median(totals) * 1000:.1f} ms | longest stall "
            f"{verdict(max(stalls) * 1000, STALL_TARGET_MS)}"
        )
    print(f"   longest stall over 4a and 4b: {verdict(worst_stall * 1000, STALL_TARGET_MS)}")

    print("\n5. other work on the UI thread")
    status = timed(desk.status, 20)
    print(f"   status bar (Desk.status): {ms(status)}")
    window.clear_filters()
    run_until(lambda: not window.model.is_loading())
    numbers = [window.model.number_at(r) for r in range(min(20, window.model.rowCount()))]
    shows = timed(lambda: [window.detail.show_record(n) for n in numbers[:1]], 20)
    print(f"   detail pane (Desk.show + layout): {ms(shows)}")

    print(f"\n   load average at the end: {os.getloadavg()[0]:.2f}")
    window.close()
    window.deleteLater()
    app.processEvents()
    desk.close()


if __name__ == "__main__":
    main()
