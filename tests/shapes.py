"""Graph shapes several test files build (plain functions, not fixtures)."""

import random

import networkx as nx


def big_ego(contacts, ties, seed=0):
    """An owner with ``contacts`` contacts and ``ties`` ties among them (heavy-tailed degrees)."""
    rng = random.Random(seed)
    G = nx.Graph()
    G.add_edges_from(("ego", i) for i in range(contacts))
    # Preferential choice through a growing list of endpoints gives a heavy tail.
    ends, made = list(range(contacts)), 0
    while made < ties:
        u = rng.randrange(contacts) if rng.random() < 0.5 else rng.choice(ends)
        v = rng.randrange(contacts)
        if u != v and not G.has_edge(u, v):
            G.add_edge(u, v)
            ends.extend((u, v))
            made += 1
    for u, v in G.edges:
        G.edges[u, v]["strength"] = rng.uniform(0.05, 1.0)
    return G
