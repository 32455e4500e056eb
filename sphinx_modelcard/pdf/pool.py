"""Worker processes that render PDFs, each job with a time limit.

A process pool from the standard library cannot stop one task that hangs, and
loses every pending task when one worker dies. Here each worker takes one job
at a time over its own pipe, so a worker that dies or runs past the time limit
costs only its own job: it is stopped, reported, and replaced.
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from sphinx.util import logging

from .render import Outcome

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds a stopped worker gets to exit before it is killed.
_GRACE = 2.0


def _context() -> Any:
    # A forked worker starts at once with Sphinx and rst2pdf already
    # imported; where fork is missing, spawn is slower but correct.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _serve(conn: Connection, work: Callable[[str], Outcome]) -> None:
    """The loop of a worker process: a job path in, an outcome out."""
    while True:
        try:
            path = conn.recv()
        except EOFError:
            return
        if path is None:
            return
        conn.send(work(path))


@dataclasses.dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    job: Any = None
    deadline: float = 0.0

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(_GRACE)
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class Pool(Generic[T]):
    """Jobs go in as they come; outcomes come out in the order they finish.

    Workers start with the first job, so rendering runs while the main
    process is still writing HTML pages.
    """

    def __init__(
        self,
        path_of: Callable[[T], str],
        work: Callable[[str], Outcome],
        workers: int,
        timeout: float,
    ) -> None:
        self._path_of = path_of
        self._work = work
        self._size = max(1, workers)
        self._timeout = timeout
        self._context = _context()
        self._pending: deque[T] = deque()
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []

    def __len__(self) -> int:
        """Jobs submitted and not yet yielded."""
        return len(self._pending) + len(self._busy)

    def submit(self, job: T) -> None:
        self._pending.append(job)
        self._dispatch()

    def ready(self) -> Iterator[tuple[T, Outcome]]:
        """The outcomes there are now, without waiting for more."""
        yield from self._step(wait_at_most=0.0)

    def drain(self) -> Iterator[tuple[T, Outcome]]:
        """Every outcome still to come."""
        while self._pending or self._busy:
            yield from self._step(wait_at_most=None)

    def close(self) -> None:
        for worker in self._idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in self._idle + self._busy:
            worker.stop()
        self._idle, self._busy = [], []

    def _start(self) -> _Worker:
        parent_end, child_end = self._context.Pipe()
        process = self._context.Process(
            target=_serve, args=(child_end, self._work), daemon=True
        )
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    def _dispatch(self) -> None:
        while self._pending:
            if not self._idle:
                if len(self._busy) >= self._size:
                    return
                self._idle.append(self._start())
            worker = self._idle.pop()
            worker.job = self._pending.popleft()
            worker.deadline = time.monotonic() + self._timeout
            worker.conn.send(self._path_of(worker.job))
            self._busy.append(worker)

    def _step(self, wait_at_most: float | None) -> Iterator[tuple[T, Outcome]]:
        self._dispatch()
        if not self._busy:
            return
        until_deadline = min(worker.deadline for worker in self._busy)
        timeout = max(0.0, until_deadline - time.monotonic())
        if wait_at_most is not None:
            timeout = min(timeout, wait_at_most)
        yield from _collect(self._busy, self._idle, self._timeout, timeout)
        self._dispatch()


def run(
    jobs: list[T],
    path_of: Callable[[T], str],
    work: Callable[[str], Outcome],
    workers: int,
    timeout: float,
) -> Iterator[tuple[T, Outcome]]:
    """Yield each job with its outcome, in the order they finish."""
    pool = Pool(path_of, work, min(workers, len(jobs)), timeout)
    try:
        for job in jobs:
            pool.submit(job)
        yield from pool.drain()
    finally:
        pool.close()


def _collect(
    busy: list[_Worker], idle: list[_Worker], limit: float, wait_for: float
) -> Iterator[tuple[Any, Outcome]]:
    """Wait for the next outcome, worker death or timeout, and yield them."""
    ready = wait(
        [worker.conn for worker in busy] + [worker.process.sentinel for worker in busy],
        timeout=wait_for,
    )
    now = time.monotonic()
    for worker in list(busy):
        outcome = None
        if worker.conn in ready or worker.process.sentinel in ready:
            try:
                outcome = worker.conn.recv()
            except (EOFError, OSError):
                worker.stop()
                code = worker.process.exitcode
                outcome = Outcome(False, f"the worker process died (exit code {code})")
        elif now >= worker.deadline:
            worker.stop()
            outcome = Outcome(False, f"rendering took longer than {limit:g} s")
        if outcome is None:
            continue
        busy.remove(worker)
        if worker.process.is_alive():
            idle.append(worker)
        yield worker.job, outcome
        worker.job = None
