"""igraph's betweenness, here or in a Python process of its own while this one goes on.

``build_report`` starts the brokerage table's betweenness first and collects it when that
section comes, so the second core computes it while the first draws the circles and strength.
This file imports nothing from netanalysis: the helper process runs it alone (no package
import, ~2 s saved), by :func:`runpy.run_path`.
"""

import pickle
import subprocess
import sys


def betweenness_raw(n, us, vs, weights, sources):
    """igraph's undirected betweenness of ``n`` nodes and the ties ``us[i]–vs[i]``, unscaled (a list)."""
    import igraph

    graph = igraph.Graph(n=n, edges=list(zip(us, vs, strict=True)))
    return graph.betweenness(directed=False, weights=weights, sources=sources)


# The helper: drop the working directory from the path (nothing there may shadow igraph), then
# run this file as a script.
_HELPER = "import runpy, sys; del sys.path[0]; runpy.run_path(sys.argv[1], run_name='__main__')"


class Betweenness:
    """:func:`betweenness_raw` of the given inputs; :meth:`result` gives it.

    With ``background=True`` it starts at once in a helper process. If the helper cannot start
    or fails, :meth:`result` computes it here: the same function on the same inputs, so the
    numbers never depend on where it ran.
    """

    def __init__(self, n, us, vs, weights, sources, *, background=False):
        self.inputs = (n, us, vs, weights, sources)
        self.process = self.raw = None
        if background:
            try:
                self.process = subprocess.Popen([sys.executable, "-c", _HELPER, __file__], stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
                self.process.stdin.write(pickle.dumps(self.inputs, protocol=pickle.HIGHEST_PROTOCOL))
                self.process.stdin.close()
            except OSError:  # no process to be had, or it died at once: compute here when asked
                self.close()

    def result(self):
        if self.raw is None:
            if self.process is not None:
                with self.process.stdout:
                    out = self.process.stdout.read()
                if self.process.wait() == 0:
                    try:
                        self.raw = pickle.loads(out)
                    except Exception:  # a garbled answer: computed here below
                        self.raw = None
                self.process = None
            if self.raw is None:
                self.raw = betweenness_raw(*self.inputs)
        return self.raw

    def close(self):
        """Stop the helper if it still runs (the result is then computed here if asked for)."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            for pipe in (self.process.stdin, self.process.stdout):
                try:
                    pipe.close()
                except OSError:  # a broken pipe: nothing more to send or read
                    pass
            self.process.wait()
            self.process = None


def _serve():
    inputs = pickle.load(sys.stdin.buffer)
    sys.stdout.buffer.write(pickle.dumps(betweenness_raw(*inputs), protocol=pickle.HIGHEST_PROTOCOL))


if __name__ == "__main__":
    _serve()
