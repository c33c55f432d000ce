"""Graph shapes several test files build (plain functions, not fixtures)."""

import datetime as dt
import random

import networkx as nx

#: A name that runs script wherever it is not escaped.
EVIL = "<img src=x onerror=alert(1)>"


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


def intro_graph():
    """Six contacts of different fields and strengths, three ties among them (brokerage tests)."""
    G = nx.Graph(ego="me")
    people = {
        "me": ("Me", "Self", "Founder"),
        "ana": ("Ana Lima", "Acme", "Founder & CEO"),
        "bo": ("Bo Chen", "Northwind Ventures", "Angel investor"),
        "cy": ("Cy Ortiz", "Acme", "Software engineer"),
        "di": ("Di Park", "Globex", "Data scientist"),
        "ed": ("Ed Wu", "Initech", "Data analyst"),
        "fa": ("Fa Diop", "Hooli", "Recruiter"),
    }
    for key, (name, company, position) in people.items():
        G.add_node(key, name=name, company=company, position=position, ego=key == "me")
    ego_ties = {"ana": (0.9, "in_person"), "bo": (0.8, "in_person"), "cy": (0.6, "online"),
                "di": (0.7, "in_person"), "ed": (0.3, "online"), "fa": (0.2, "unknown")}
    for c, (s, met) in ego_ties.items():
        G.add_edge("me", c, strength=s, distance=1 / s, met=met, evidence="export", sources=["export"],
                   last_contact=dt.date(2024, 1, 1))
    G.add_edge("ana", "cy", strength=0.5, distance=2.0, met="in_person", evidence="export", sources=["export"])
    G.add_edge("di", "ed", strength=0.4, distance=2.5, met="online", evidence="declared", sources=["declared"])
    G.add_edge("bo", "di", strength=0.15, distance=1 / 0.15, met="unknown", evidence="inferred:shared_employer",
               sources=["inferred:shared_employer"], confidence=0.5)
    return G


#: The circles of :func:`intro_graph`'s people.
COMMUNITIES = {"ana": 0, "cy": 0, "di": 1, "ed": 1, "bo": 2}


def map_world():
    """Eight contacts in two cliques of four, an inferred tie between them, a loner (the map tests)."""
    G = nx.Graph(ego="me")
    G.add_node("me", name="Me", ego=True)
    for i in range(8):
        p = f"p{i}"
        G.add_node(p, name=f"Person {i}", company="Acme" if i < 4 else "Globex", position="Engineer")
        G.add_edge("me", p, met=["in_person", "online", "unknown"][i % 3], evidence="export",
                   sources=["export"], strength=0.1 + i / 10)
    for block in (["p0", "p1", "p2", "p3"], ["p4", "p5", "p6", "p7"]):
        for i, u in enumerate(block):
            for v in block[i + 1:]:
                G.add_edge(u, v, evidence="export", sources=["export"], met="unknown")
    G.add_edge("p3", "p4", evidence="inferred:same_company", sources=["inferred:same_company"], met="unknown")
    G.add_edge("me", "loner", met="online", evidence="export", sources=["export"], strength=0.05)
    G.nodes["p1"]["name"] = EVIL
    G.nodes["p2"]["position"] = '<a href="javascript:alert(1)">CTO</a> & "founder"'
    G.nodes["p5"]["company"] = "</script><script>alert(1)</script>"
    return G
