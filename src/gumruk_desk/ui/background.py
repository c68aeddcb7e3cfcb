"""Work off the UI thread for the desk's windows: one helper, one contract.

Every long task of the windows — the register table's queries, the start-up imports, the
whole-file check and the daily backup, an upload, the rendering of a document to print —
runs through :class:`Op`, so that they all behave alike::

    Op(parent=self, work=lambda task: desk.render_document(number), success=self._show)
        .on_failure(self._failed)
        .start()

The contract:

- ``work(task)`` runs on a worker thread and never touches a widget (nor any Qt object
  of the UI thread); it may read ``task.cancelled``, call ``task.sleep(seconds)`` (cut
  short by a cancel) and post ``task.progress(done, total)``.
- ``success(result)``, the failure, progress, cancelled and done callbacks all run on the
  UI thread (a queued signal to an object of that thread), in the order the work posted
  them.
- A failure goes to the ``on_failure`` callback; without one it is raised again on the UI
  thread, where the application's crash handler reports it — no work fails silently.
- :meth:`Op.cancel` (UI thread) sets a flag the work polls and calls the interrupt given
  with :meth:`Op.interrupt_with` (SQLite's, for a query). An op cancelled while queued
  never starts; a cancelled op never calls ``success`` nor ``on_failure``: once its work has
  stopped it calls ``on_cancelled``.
- The op keeps itself alive until its work is done and its last callback has run: the
  caller need not hold it.
- A ``parent`` that is destroyed drops every callback still to come (and cancels the op,
  so work that polls stops early); the parent is held weakly, never kept alive.
- A lane (:meth:`Op.in_lane`) is a single worker thread shared by the ops given its name:
  they run one after another in the order they were started, where order matters (the
  register table's pages). An op without a lane gets a thread of its own.

Worker threads are daemons: leaving the desk never waits on one (a window that must not
close under its work cancels and :meth:`Op.wait` s for it).
"""

from __future__ import annotations

import contextlib
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal

__all__ = ["Op", "Task", "wait_for_lane"]

T = TypeVar("T")

_Callback = Callable[[], None]


class _Relay(QObject):
    """Lives on the UI thread; what a worker posts runs there (queued)."""

    posted = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _run(callback: _Callback) -> None:
        callback()


_relay_instance: _Relay | None = None


def _relay() -> _Relay:
    global _relay_instance
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("Op.start() is for the UI thread, after the application exists")
    if _relay_instance is None or not shiboken6.isValid(_relay_instance):
        _relay_instance = _Relay()
    return _relay_instance


class _Lane:
    """One daemon worker thread running what it is given in order."""

    def __init__(self, name: str) -> None:
        self._queue: queue.SimpleQueue[_Callback] = queue.SimpleQueue()
        threading.Thread(target=self._loop, name=f"lane-{name}", daemon=True).start()

    def submit(self, job: _Callback) -> None:
        self._queue.put(job)

    def _loop(self) -> None:
        while True:
            self._queue.get()()


_lanes: dict[str, _Lane] = {}
_lanes_lock = threading.Lock()


def _lane(name: str) -> _Lane:
    with _lanes_lock:
        lane = _lanes.get(name)
        if lane is None:
            lane = _lanes[name] = _Lane(name)
        return lane


def wait_for_lane(name: str, timeout: float = 10.0) -> bool:
    """Block until every op started in lane ``name`` so far has run its work (their
    callbacks still come through the event loop); for scripts and benchmarks. False when
    ``timeout`` seconds passed first."""
    done = threading.Event()
    _lane(name).submit(done.set)
    return done.wait(timeout)


def _finished_work(_task: Task) -> Any:
    raise RuntimeError("an op runs its work once")


_alive: set[Op[Any]] = set()
"""Ops started and not yet finished: an op keeps itself alive through this."""


class Task:
    """What the work sees of its op, on the worker thread."""

    def __init__(self, op: Op[Any]) -> None:
        self._op = op

    @property
    def cancelled(self) -> bool:
        """True once the op was cancelled (or its parent destroyed): stop soon."""
        return self._op._cancel_event.is_set()

    def sleep(self, seconds: float) -> bool:
        """Wait ``seconds``, cut short by a cancel; False when cancelled."""
        return not self._op._cancel_event.wait(max(0.0, seconds))

    def progress(self, done: int, total: int) -> None:
        """Post progress; the op's progress callback gets it on the UI thread."""
        self._op._post(lambda: self._op._deliver_progress(done, total))


class Op(Generic[T]):
    """One piece of work off the UI thread, with its callbacks on it (module docstring)."""

    def __init__(
        self,
        *,
        work: Callable[[Task], T],
        success: Callable[[T], Any] | None = None,
        parent: QObject | None = None,
        name: str = "op",
    ) -> None:
        self._work: Callable[[Task], T] = work
        self._success = success
        self._failure: Callable[[Exception], Any] | None = None
        self._progress: Callable[[int, int], Any] | None = None
        self._cancelled_callback: _Callback | None = None
        self._done: _Callback | None = None
        self._interrupt: _Callback | None = None
        self._lane_name: str | None = None
        self._name = name
        self._parent: weakref.ref[QObject] | None = None
        self._has_parent = parent is not None
        if parent is not None:
            self._parent = weakref.ref(parent)
            parent.destroyed.connect(self._parent_destroyed)
        self._cancel_event = threading.Event()
        self._finished = threading.Event()  # the work has returned or raised (or was skipped)
        self._started = False
        self._over = False  # the last callback has run (or was dropped)
        self._relay: _Relay | None = None

    # -- building ---------------------------------------------------------------------------

    def on_success(self, callback: Callable[[T], Any]) -> Op[T]:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[Exception], Any]) -> Op[T]:
        self._failure = callback
        return self

    def on_progress(self, callback: Callable[[int, int], Any]) -> Op[T]:
        self._progress = callback
        return self

    def on_cancelled(self, callback: _Callback) -> Op[T]:
        self._cancelled_callback = callback
        return self

    def on_done(self, callback: _Callback) -> Op[T]:
        """Called last on the UI thread, whichever way the op ended (not when dropped)."""
        self._done = callback
        return self

    def interrupt_with(self, interrupt: _Callback) -> Op[T]:
        """Called by :meth:`cancel` at once, on the cancelling thread: to stop work that
        blocks without polling (``sqlite3.Connection.interrupt``)."""
        self._interrupt = interrupt
        return self

    def in_lane(self, name: str) -> Op[T]:
        self._lane_name = name
        return self

    # -- running ----------------------------------------------------------------------------

    def start(self) -> Op[T]:
        """Start the work (UI thread; once)."""
        if self._started:
            return self
        self._started = True
        self._relay = _relay()
        _alive.add(self)
        if self._lane_name is not None:
            _lane(self._lane_name).submit(self._run)
        else:
            threading.Thread(target=self._run, name=self._name, daemon=True).start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop; ``success`` and ``on_failure`` will not be called."""
        if self._cancel_event.is_set():
            return
        self._cancel_event.set()
        if self._interrupt is not None and not self._finished.is_set():
            self._interrupt()

    @property
    def cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def is_running(self) -> bool:
        """Started, and its work has not yet returned."""
        return self._started and not self._finished.is_set()

    def is_over(self) -> bool:
        """Its last callback has run (or was dropped with its parent)."""
        return self._over

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the work has returned (its callbacks still come through the event
        loop); False when ``timeout`` seconds passed first."""
        return self._finished.wait(timeout)

    # -- the worker side --------------------------------------------------------------------

    def _run(self) -> None:
        if self._cancel_event.is_set():
            self._finished.set()  # cancelled while queued: the work never starts
            self._post(self._deliver_cancelled)
            return
        work, self._work = self._work, _finished_work  # the work holds nothing once done
        try:
            result = work(Task(self))
        except Exception as exc:
            error = exc  # ``exc`` is unbound once the except block ends
            self._finished.set()
            self._post(lambda: self._deliver_failure(error))
            return
        self._finished.set()
        self._post(lambda: self._deliver_success(result))

    def _post(self, callback: _Callback) -> None:
        relay = self._relay
        if relay is not None:
            try:
                relay.posted.emit(callback)
            except RuntimeError:  # the application is gone: nothing left to tell
                _alive.discard(self)

    # -- the UI side ------------------------------------------------------------------------

    def _parent_destroyed(self, *_args: object) -> None:
        self._parent = None
        self.cancel()

    def _receiver_alive(self) -> bool:
        if not self._has_parent:
            return True
        parent = self._parent() if self._parent is not None else None
        return parent is not None and shiboken6.isValid(parent)

    def _deliver_progress(self, done: int, total: int) -> None:
        if self._progress is not None and not self.cancelled and self._receiver_alive():
            self._progress(done, total)

    def _end(self, callback: _Callback | None) -> None:
        self._over = True
        _alive.discard(self)
        parent = self._parent() if self._parent is not None else None
        if parent is not None and shiboken6.isValid(parent):
            with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
                parent.destroyed.disconnect(self._parent_destroyed)
        try:
            if not self._receiver_alive():
                return
            try:
                if callback is not None:
                    callback()
            finally:
                if self._done is not None:
                    self._done()
        finally:
            self._forget()

    def _forget(self) -> None:
        # An op is often kept by its owner (``self.upload = Op(...)``) while its callbacks
        # are the owner's methods: dropping them once over breaks that cycle, which the
        # garbage collector cannot break through a Qt object's wrapper.
        self._success = self._failure = self._progress = None
        self._cancelled_callback = self._done = self._interrupt = None

    def _deliver_cancelled(self) -> None:
        self._end(self._cancelled_callback)

    def _deliver_success(self, result: T) -> None:
        if self.cancelled:
            self._deliver_cancelled()
            return
        success = self._success
        self._end(None if success is None else lambda: success(result))

    def _deliver_failure(self, exc: Exception) -> None:
        if self.cancelled:
            self._deliver_cancelled()
            return
        failure = self._failure
        if failure is None:

            def raise_again() -> None:
                raise exc

            self._end(raise_again)
        else:
            self._end(lambda: failure(exc))
