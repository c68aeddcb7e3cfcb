"""The one background-work helper of the windows (``ui/background.py``): work off the UI
thread, callbacks on it, progress, cancel, a destroyed parent, and lanes that keep order."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from gumruk_desk.ui.app import application
from gumruk_desk.ui.background import Op, Task, wait_for_lane


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    return application()


def ui_thread() -> QThread:
    app = QCoreApplication.instance()
    assert app is not None
    return app.thread()


def test_work_runs_off_the_ui_thread_and_success_on_it(qtbot: QtBot) -> None:
    seen: dict[str, object] = {}

    def work(_task: Task) -> int:
        seen["work"] = QThread.currentThread() is ui_thread()
        seen["work_thread"] = threading.current_thread().name
        return 42

    def success(result: int) -> None:
        seen["success"] = QThread.currentThread() is ui_thread()
        seen["result"] = result

    op = Op(work=work, success=success, name="answer").start()
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen == {"work": False, "work_thread": "answer", "success": True, "result": 42}
    assert op.is_over() and not op.is_running()


def test_a_failure_reaches_the_failure_callback_on_the_ui_thread(qtbot: QtBot) -> None:
    failures: list[tuple[str, bool]] = []
    successes: list[object] = []

    def work(_task: Task) -> None:
        raise ValueError("kayıt yok")

    Op(work=work, success=successes.append).on_failure(
        lambda exc: failures.append((str(exc), QThread.currentThread() is ui_thread()))
    ).start()
    qtbot.waitUntil(lambda: bool(failures))
    assert failures == [("kayıt yok", True)] and successes == []


def test_progress_posted_by_the_work_reaches_the_ui_thread_in_order(qtbot: QtBot) -> None:
    progress: list[tuple[int, int, bool]] = []
    done: list[bool] = []

    def work(task: Task) -> str:
        for i in range(1, 4):
            task.progress(i, 3)
        return "bitti"

    Op(work=work, success=lambda _r: done.append(True)).on_progress(
        lambda d, t: progress.append((d, t, QThread.currentThread() is ui_thread()))
    ).start()
    qtbot.waitUntil(lambda: bool(done))
    assert progress == [(1, 3, True), (2, 3, True), (3, 3, True)]


def test_a_cancelled_op_stops_and_never_calls_success(qtbot: QtBot) -> None:
    began = threading.Event()
    calls: list[str] = []
    interrupted: list[bool] = []

    def work(task: Task) -> str:
        began.set()
        while task.sleep(0.01):  # polls the flag; a cancel cuts the sleep short
            pass
        return "late"

    op = (
        Op(work=work, success=lambda _r: calls.append("success"))
        .on_failure(lambda _e: calls.append("failure"))
        .on_cancelled(lambda: calls.append("cancelled"))
        .on_done(lambda: calls.append("done"))
        .interrupt_with(lambda: interrupted.append(True))
        .start()
    )
    assert began.wait(10)
    assert op.is_running()
    op.cancel()
    assert op.wait(10)
    qtbot.waitUntil(op.is_over)
    assert calls == ["cancelled", "done"] and interrupted == [True]


def test_an_op_cancelled_while_queued_in_its_lane_never_starts(qtbot: QtBot) -> None:
    gate = threading.Event()
    ran: list[str] = []
    ended: list[str] = []

    def first(_task: Task) -> None:
        gate.wait(10)
        ran.append("first")

    Op(work=first).in_lane("test-queued").on_done(lambda: ended.append("first")).start()
    second = (
        Op(work=lambda _t: ran.append("second"), success=lambda _r: ended.append("success"))
        .in_lane("test-queued")
        .on_cancelled(lambda: ended.append("second cancelled"))
        .start()
    )
    second.cancel()
    gate.set()
    assert wait_for_lane("test-queued")
    qtbot.waitUntil(second.is_over)
    assert ran == ["first"] and ended == ["first", "second cancelled"]


def test_a_destroyed_parent_drops_the_callbacks_and_cancels(qtbot: QtBot) -> None:
    parent = QWidget()
    release = threading.Event()
    saw_cancel: list[bool] = []
    calls: list[str] = []

    def work(task: Task) -> str:
        release.wait(10)
        saw_cancel.append(task.cancelled)
        task.progress(1, 1)
        return "for nobody"

    op = (
        Op(work=work, success=lambda _r: calls.append("success"), parent=parent)
        .on_progress(lambda _d, _t: calls.append("progress"))
        .on_cancelled(lambda: calls.append("cancelled"))
        .on_done(lambda: calls.append("done"))
        .start()
    )
    parent.deleteLater()
    qtbot.waitUntil(lambda: op.cancelled)  # the parent is gone: its op is told to stop
    release.set()
    assert op.wait(10)
    qtbot.waitUntil(op.is_over)
    assert saw_cancel == [True] and calls == []


def test_the_op_keeps_itself_alive_and_never_its_parent(qtbot: QtBot) -> None:
    import gc
    import weakref

    parent = QObject()
    results: list[int] = []
    release = threading.Event()
    op = Op(work=lambda _t: release.wait(10) and 7, success=results.append, parent=parent)
    watched = weakref.ref(op.start())
    del op
    gc.collect()
    assert watched() is not None  # nobody holds it but itself, and it still runs
    release.set()
    qtbot.waitUntil(lambda: results == [7])
    gone = weakref.ref(parent)
    del parent
    gc.collect()
    assert gone() is None


def test_a_lane_runs_its_ops_one_after_another_in_start_order(qtbot: QtBot) -> None:
    running = 0
    overlap: list[int] = []
    order: list[int] = []
    delivered: list[int] = []
    lock = threading.Lock()

    def work_for(i: int) -> Op[int]:
        def work(task: Task) -> int:
            nonlocal running
            with lock:
                running += 1
                overlap.append(running)
            task.sleep(0.002 * (10 - i))  # the first ones are the slowest
            order.append(i)
            with lock:
                running -= 1
            return i

        return Op(work=work, success=delivered.append).in_lane("test-order")

    for i in range(10):
        work_for(i).start()
    assert wait_for_lane("test-order")
    qtbot.waitUntil(lambda: len(delivered) == 10)
    assert order == list(range(10)) and delivered == list(range(10))
    assert max(overlap) == 1  # one worker per lane


def test_without_a_failure_callback_the_error_is_raised_on_the_ui_thread(
    qtbot: QtBot,
) -> None:
    def work(_task: Task) -> None:
        raise LookupError("görülmedi")

    with qtbot.captureExceptions() as raised:
        op = Op(work=work).start()
        qtbot.waitUntil(op.is_over)
    assert [(kind, str(exc)) for kind, exc, _tb in raised] == [(LookupError, "görülmedi")]


def test_start_refuses_a_worker_thread(qtbot: QtBot) -> None:
    errors: list[str] = []

    def from_a_worker() -> None:
        try:
            Op(work=lambda _t: None).start()
        except RuntimeError as exc:
            errors.append(str(exc))

    thread = threading.Thread(target=from_a_worker)
    thread.start()
    thread.join(10)
    assert errors and "UI thread" in errors[0]
