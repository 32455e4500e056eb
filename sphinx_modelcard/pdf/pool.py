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
from typing import Any, TypeVar

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


def run(
    jobs: list[T],
    path_of: Callable[[T], str],
    work: Callable[[str], Outcome],
    workers: int,
    timeout: float,
) -> Iterator[tuple[T, Outcome]]:
    """Yield each job with its outcome, in the order they finish."""
    context = _context()
    pending = deque(jobs)
    idle: list[_Worker] = []
    busy: list[_Worker] = []
    size = max(1, min(workers, len(jobs)))

    def start() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, work), daemon=True)
        process.start()
        child_end.close()
        return _Worker(process, parent_end)

    try:
        while pending or busy:
            while pending and len(idle) + len(busy) < size:
                idle.append(start())
            while pending and idle:
                worker = idle.pop()
                worker.job = pending.popleft()
                worker.deadline = time.monotonic() + timeout
                worker.conn.send(path_of(worker.job))
                busy.append(worker)
            yield from _collect(busy, idle, timeout)
    finally:
        for worker in idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in idle + busy:
            worker.stop()


def _collect(
    busy: list[_Worker], idle: list[_Worker], timeout: float
) -> Iterator[tuple[Any, Outcome]]:
    """Wait for the next outcome, worker death or timeout, and yield them."""
    now = time.monotonic()
    wait_for = max(0.0, min(worker.deadline for worker in busy) - now)
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
            outcome = Outcome(False, f"rendering took longer than {timeout:g} s")
        if outcome is None:
            continue
        busy.remove(worker)
        if worker.process.is_alive():
            idle.append(worker)
        yield worker.job, outcome
        worker.job = None
