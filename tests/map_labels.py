"""Reading the names the interactive map draws, in a real browser (tests/test_browser.py, test_report_browser.py)."""

# Every name vis-network draws at the current zoom, as drawn: its label box (vis-network's own
# measure, read from the drawn label) in page pixels, whether it is one of the names shown at every
# zoom, and its height on screen. vis-network draws a name from 4 px on screen (drawThreshold - 1).
_DRAWN_NAMES = """(() => { const m = window.netanalysisMap, s = m.network.getScale();
  const r = document.getElementById('map').getBoundingClientRect(); const out = [];
  for (const n of m.nodes.get()) {
    const size = n.font && n.font.size !== undefined ? n.font.size : 14, body = m.network.body.nodes[n.id];
    if (n.hidden || size * s < 4 || !body) { continue; }
    const z = body.labelModule.size;
    const a = m.network.canvasToDOM({x: z.left, y: z.top}), b = m.network.canvasToDOM({x: z.left + z.width, y: z.top + z.height});
    if (b.x < 0 || b.y < 0 || a.x > r.width || a.y > r.height) { continue; }  // off the map: not seen
    const c = m.network.canvasToDOM(m.network.getPosition(n.id)), rad = n.size * s;
    out.push({label: n.label, key: !!n.key_name, px: Math.min(size * s, 30), box: [a.x, a.y, b.x, b.y],
              inside: a.x >= 0 && a.y >= 0 && b.x <= r.width && b.y <= r.height,
              dot: [c.x - rad, c.y - rad, c.x + rad, c.y + rad]});
  }
  return out; })()"""


def drawn_names(page):
    """The names drawn now: ``label``, ``key`` (shown at every zoom), ``px`` (height on screen),
    ``box`` (left, top, right, bottom in the map's pixels), ``inside`` (whole inside the map) and
    ``dot`` (the box of the person's dot)."""
    page.wait_for_timeout(200)  # the label boxes are measured when drawn
    return page.evaluate(_DRAWN_NAMES)


def overlaps(names):
    """Pairs of drawn names whose boxes overlap (by more than half a pixel each way)."""
    return [(a["label"], b["label"]) for i, a in enumerate(names) for b in names[i + 1:]
            if min(a["box"][2], b["box"][2]) - max(a["box"][0], b["box"][0]) > 0.5
            and min(a["box"][3], b["box"][3]) - max(a["box"][1], b["box"][1]) > 0.5]


def covered_dots(names):
    """(name, dot's name) for each drawn name that covers the dot of a strong tie shown by name."""
    return [(a["label"], b["label"]) for a in names for b in names if b["key"] and a is not b
            and min(a["box"][2], b["dot"][2]) - max(a["box"][0], b["dot"][0]) > 0.5
            and min(a["box"][3], b["dot"][3]) - max(a["box"][1], b["dot"][1]) > 0.5]
