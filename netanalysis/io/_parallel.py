"""Reading many exports at once: this process and forked workers, each taking the next chunk from one shared counter."""

import os
import pickle

from ..errors import InputError
from .registry import read_export

__all__ = ["PARALLEL_MIN_EXPORTS", "next_chunks", "read_exports", "read_worker"]

#: ``read_exports`` reads in parallel from this many exports on (starting processes costs ~0.1 s).
PARALLEL_MIN_EXPORTS = 8


def _ignore_interrupt():
    # Ctrl-C reaches every process of the terminal: the parent stops the pool, the workers stay quiet.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def read_exports(paths, *, workers=None):
    """Read several exports, in parallel processes when there are many: :func:`read_export` on each.

    Parameters
    ----------
    paths : iterable of str or path-like
        What :func:`read_export` accepts, one per export.
    workers : int, optional
        Processes to read with, this one included. Default: one per core (at most 8) from
        :data:`PARALLEL_MIN_EXPORTS` exports on, else 1 (read in this process); always 1 where
        processes cannot be forked (Windows). Reading is
        independent per export, so the exports, their reports and their order are the same
        whatever the number of workers.

    Returns
    -------
    list of Export
        In the order of ``paths``.

    Raises
    ------
    InputError
        As :func:`read_export`, for the first path (in order) that cannot be read.

    Examples
    --------
    >>> from netanalysis.datasets import sample_files
    >>> paths = sample_files("cohort")["exports"][:2]
    >>> [e.owner["name"] for e in read_exports(paths, workers=2)] == [read_export(p).owner["name"] for p in paths]
    True
    """
    import multiprocessing

    paths = list(paths)
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(paths) >= PARALLEL_MIN_EXPORTS else 1
    # Workers are forked: they start with netanalysis imported, and a script needs no
    # ``if __name__ == "__main__"`` guard. Where fork does not exist (Windows), read in turn.
    if "fork" not in multiprocessing.get_all_start_methods():
        workers = 1
    workers = max(1, min(int(workers), len(paths)))
    if workers == 1:
        return [read_export(path) for path in paths]
    # A path that does not exist fails at once, before minutes of reading the others.
    for path in paths:
        if not os.path.exists(path):
            read_export(path)  # raises its own plain error
    return _read_in_parallel(paths, workers)


def _read_in_parallel(paths, workers):
    """:func:`read_exports` by this process and ``workers - 1`` forked ones, at once.

    This process reads too, rather than wait: what it reads is never pickled to it (sending an
    export costs about a fifth of reading it). Every process takes the next chunk of paths from
    one shared counter until none is left, so the work balances however the exports' sizes vary.
    Each chunk's outcome is kept by its index: the first path (in order) that cannot be read
    raises, whoever read it.
    """
    import multiprocessing

    context = multiprocessing.get_context("fork")
    size = max(1, len(paths) // (workers * 8))
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    counter = context.Value("i", 0)
    results = context.Queue()
    processes = [context.Process(target=read_worker, args=(chunks, counter, results), daemon=True)
                 for _ in range(workers - 1)]
    outcomes = {}
    try:
        for process in processes:
            process.start()
        for i in next_chunks(counter, len(chunks)):
            outcomes[i] = _read_chunk(chunks[i])
            if isinstance(outcomes[i], Exception):
                _stop(counter, len(chunks))
            _collect(results, outcomes, wait=False)  # unpickle what has arrived, between chunks
        while missing := _missing(outcomes, len(chunks)):
            if not _collect(results, outcomes, wait=True) and not any(p.is_alive() for p in processes):
                # A worker that died (killed, out of memory) never sent its chunk: read it here.
                for i in missing:
                    outcomes[i] = _read_chunk(chunks[i])
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()  # only on an error or Ctrl-C: the workers have finished otherwise
            process.join()
    exports = []
    for i in range(len(chunks)):
        if isinstance(outcomes[i], Exception):
            raise outcomes[i]
        exports.extend(outcomes[i])
    return exports


def _stop(counter, total):
    """No process takes another chunk (after an error: the chunks before it are all taken)."""
    with counter.get_lock():
        counter.value = total


def _missing(outcomes, total):
    """Chunks still to come: every chunk before the first failed one (chunks are taken in order)."""
    failed = min((i for i, outcome in outcomes.items() if isinstance(outcome, Exception)), default=total)
    return [i for i in range(failed) if i not in outcomes]


def next_chunks(counter, total):
    """Indices of the chunks no process has taken yet, taken one at a time."""
    while True:
        with counter.get_lock():
            i = counter.value
            counter.value = i + 1
        if i >= total:
            return
        yield i


def _read_chunk(paths):
    """The exports at ``paths``, or the error the first unreadable one raised."""
    try:
        return [read_export(path) for path in paths]
    except Exception as error:  # raised by read_exports, in the order of the paths
        return error


def read_worker(chunks, counter, results):
    """A forked worker: read chunks until none is left, sending each outcome (exports or error) to ``results``."""
    _ignore_interrupt()
    for i in next_chunks(counter, len(chunks)):
        outcome = _read_chunk(chunks[i])
        if isinstance(outcome, Exception):
            try:
                pickle.dumps(outcome)
            except Exception:
                outcome = InputError(f"{chunks[i][0]}: {outcome}")  # an error that cannot be sent, as text
            _stop(counter, len(chunks))
        results.put((i, outcome))


def _collect(results, outcomes, *, wait):
    """Move the chunks the workers have sent into ``outcomes``; whether any arrived."""
    import queue

    arrived = False
    while True:
        try:
            i, outcome = results.get(timeout=1.0) if wait and not arrived else results.get_nowait()
        except queue.Empty:
            return arrived
        outcomes[i] = outcome
        arrived = True
