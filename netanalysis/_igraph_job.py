"""igraph's Louvain and betweenness, here or in a Python process of its own while this one goes on.

``build_report`` starts its circles' Louvain and its brokerage table's betweenness in one helper
process at the beginning, and collects each when its section comes: the second core computes
them while the first builds the rest. This file imports nothing from netanalysis: the helper
runs it alone (no package import, ~2 s saved), by :func:`runpy.run_path`.
"""

import pickle
import queue
import random
import subprocess
import sys
import threading


def _listed(values):
    """A numpy array as a list (igraph reads weights from a list); None and lists unchanged."""
    return values.tolist() if hasattr(values, "tolist") else values


def betweenness_raw(n, us, vs, weights, sources):
    """igraph's undirected betweenness of ``n`` nodes and the ties ``us[i]–vs[i]``, unscaled (a list).

    ``us``, ``vs`` and ``weights`` are numpy arrays: they reach the helper as a few buffers, not
    as millions of Python numbers.
    """
    import igraph
    import numpy as np

    graph = igraph.Graph(n=n)
    graph.add_edges(np.column_stack([us, vs]))  # ~3x faster than Graph(edges=...) from an array
    return graph.betweenness(directed=False, weights=_listed(weights), sources=sources)


def multilevel(n, ends, weights, seed, resolution):
    """igraph's multilevel (Louvain) membership of ``n`` nodes and the ties ``ends`` (an (m, 2) array)."""
    import igraph

    graph = igraph.Graph(n=n)
    graph.add_edges(ends)
    return membership(graph, _listed(weights), seed, resolution)


def membership(graph, weights, seed, resolution):
    """igraph's multilevel (Louvain) membership of ``graph``, seeded.

    igraph draws its random numbers (the node order of each pass) from a Python generator, by
    default the ``random`` module: a private ``random.Random(seed)`` is installed for the run and
    the module-level generator put back afterwards, so the same seed gives the same partition.
    """
    import igraph

    igraph.set_random_number_generator(random.Random(seed))
    try:
        return graph.community_multilevel(weights=weights, resolution=resolution).membership
    finally:
        igraph.set_random_number_generator(random)


JOBS = {"betweenness": betweenness_raw, "multilevel": multilevel}

# The helper: drop the working directory from the path (nothing there may shadow igraph), then
# run this file as a script.
_HELPER = "import runpy, sys; del sys.path[0]; runpy.run_path(sys.argv[1], run_name='__main__')"


class Helper:
    """One helper process that runs the jobs it is given, in turn.

    It starts at once (importing igraph takes it a second or more, meanwhile). Jobs are sent by
    a thread of this process, so a large job never waits for the helper to read it; results
    come back in the order the jobs were given. If the helper cannot start or fails, every job
    not yet answered is computed here: the same function on the same inputs.
    """

    def __init__(self):
        self.answered, self.jobs = 0, []
        self.outbox = queue.Queue()
        try:
            self.process = subprocess.Popen([sys.executable, "-c", _HELPER, __file__], stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError:  # no process to be had: every job is computed here
            self.process = None
            return
        self.sender = threading.Thread(target=self._send, daemon=True)
        self.sender.start()

    def _send(self):
        try:
            while (data := self.outbox.get()) is not None:
                self.process.stdin.write(data)
                self.process.stdin.flush()
        except (OSError, ValueError):  # the helper is gone; its jobs are computed here
            pass

    def submit(self, kind, *inputs):
        """Start ``JOBS[kind](*inputs)``; returns the :class:`Job`."""
        job = Job(kind, inputs, self)
        self.jobs.append(job)
        if self.process is not None:
            self.outbox.put(pickle.dumps((kind, inputs), protocol=pickle.HIGHEST_PROTOCOL))
        return job

    def _collect(self, job):
        """Read answers in order until ``job``'s; False when the helper cannot give it."""
        while self.process is not None and job.value is None:
            try:
                value = pickle.load(self.process.stdout)
            except Exception:  # ended, killed, garbled: the rest is computed here
                self.close()
                return False
            self.jobs[self.answered].value = value
            self.answered += 1
        return job.value is not None

    def close(self):
        """Stop the helper (jobs not answered yet are then computed here if asked for)."""
        if self.process is None:
            return
        self.outbox.put(None)
        if self.process.poll() is None:
            self.process.kill()
        for pipe in (self.process.stdin, self.process.stdout):
            try:
                pipe.close()
            except OSError:  # a broken pipe: nothing more to send or read
                pass
        self.process.wait()
        self.process = None


class Job:
    """``JOBS[kind](*inputs)``: from the helper when it has it, else computed here when asked."""

    def __init__(self, kind, inputs, helper=None):
        self.kind, self.inputs, self.helper, self.value = kind, inputs, helper, None

    def result(self):
        if self.value is None and not (self.helper is not None and self.helper._collect(self)):
            self.value = JOBS[self.kind](*self.inputs)
        return self.value


def _serve():
    import igraph  # noqa: F401  (imported while the first job is being prepared)

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            kind, inputs = pickle.load(stdin)
        except EOFError:
            return
        pickle.dump(JOBS[kind](*inputs), stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()


if __name__ == "__main__":
    _serve()
