// The interactive map's own script (netanalysis.viz.interactive inlines it in each page, allowed by its
// hash in the page's Content-Security-Policy). It reads the data block #map-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("map-data").textContent);
  // A name without room under its dot ("named": false) is drawn at size 0 until "all names" is
  // ticked; it stays in the hover card and the search. The owner's and the strongest ties' names
  // ("key_name") keep a readable size on screen at every zoom, the opening view included.
  var NAME_SIZE = 14, KEY_NAME_PX = 15;
  var allNames = document.getElementById("all-names");
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign({}, n, {font: {size: n.named !== false ? NAME_SIZE : 0}});
  }));
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("map");
  // The whole map in view under the controls, however tall they wrap (a phone, a report's frame).
  function fitHeight() {
    var header = document.querySelector("header");
    var room = window.innerHeight - (header ? header.offsetHeight : 0) - 2;
    container.style.maxHeight = Math.max(240, room) + "px";
  }
  fitHeight();
  window.addEventListener("resize", fitHeight);
  var options = {
    physics: {enabled: data.physics},
    edges: {smooth: false, selectionWidth: 2},
    nodes: {font: {size: NAME_SIZE, face: "sans-serif", strokeWidth: 3, strokeColor: "#ffffff"}, borderWidth: 1},
    interaction: {hover: true, tooltipDelay: 120, hideEdgesOnDrag: data.nodes.length > 500,
                  navigationButtons: false, keyboard: false},
    layout: {randomSeed: 0, improvedLayout: false}
  };
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  window.netanalysisMap = {network: network, nodes: nodes, edges: edges, data: data};
  // Which names are drawn, and how large, at the current zoom. Names are placed one at a time, the
  // owner's first, then the matches of a search, then the strongest ties' ("key_name"), then the other
  // dots from the largest. A name is left out at this zoom (drawn at size 0; its card and the search
  // still find it) when its box, as vis-network draws it (centred under its dot, half a line and 4
  // units lower), would cover a name already placed or the dot of a strong tie already named, or, for
  // the owner's and the strongest ties' names, when the map's edge would cut it or an earlier name
  // covers their dot. "all names" draws every name, overlaps included.
  var DRAWN_PX = 4, MAX_PX = 30, GAP_PX = 2, RIM_PX = 1.5;  // vis-network draws a name from 4 px on screen, at most 30 px
  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};
  function textWidth(text, bold) {  // width of the text at 1 px, measured once
    var k = (bold ? "b:" : "n:") + text;
    if (!(k in widths)) {
      measure.font = (bold ? "bold " : "") + "100px sans-serif";
      widths[k] = measure.measureText(text).width / 100;
    }
    return widths[k];
  }
  var hits = {};
  var ranked = data.nodes.slice().sort(function (a, b) {
    return (b.id === data.ego) - (a.id === data.ego) || (!!b.key_name) - (!!a.key_name) || b.size - a.size || a.id - b.id;
  });
  var lastScale = null, lastDrawn = null;
  function applyFonts() {
    var scale = network.getScale() || 1;
    lastScale = scale;
    lastDrawn = NAME_SIZE * scale >= DRAWN_PX;
    var rect = container.getBoundingClientRect();
    var corner = network.DOMtoCanvas({x: 0, y: 0}), far = network.DOMtoCanvas({x: rect.width, y: rect.height});
    var at = network.getPositions();
    var cell = 240 / scale, grid = {}, spanX = 0, spanY = 0, pad = GAP_PX / scale;
    var order = ranked.filter(function (n) { return hits[n.id]; }).concat(ranked.filter(function (n) { return !hits[n.id]; }));
    if (order.length && order[0].id !== data.ego) {
      order = order.filter(function (n) { return n.id === data.ego; }).concat(order.filter(function (n) { return n.id !== data.ego; }));
    }
    // The dots of the strong ties (and a search's matches) named so far: no later name covers them, and
    // such a name is not placed where an earlier name already covers its own dot.
    var dots = [], labels = [];
    function meets(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
    nodes.update(order.map(function (n) {
      var key = n.key_name || hits[n.id];
      var size = allNames.checked || n.named !== false || hits[n.id] ? NAME_SIZE : 0;
      if (key) { size = Math.max(size, KEY_NAME_PX / scale); }
      var bold = n.id === data.ego;
      var shown = Math.min(size, MAX_PX / scale), p = at[n.id], current = nodes.get(n.id);
      if (!allNames.checked && size > 0 && shown * scale >= DRAWN_PX && p && !(current && current.hidden)) {
        var w = textWidth(n.label, bold) * shown, top = p.y + n.size + shown / 2 + 4;
        var box = [p.x - w / 2 - pad, top - pad, p.x + w / 2 + pad, top + shown + pad];
        var cut = key && (box[0] < corner.x || box[1] < corner.y || box[2] > far.x || box[3] > far.y);
        // A kept box is filed under the cell of its top-left corner: look back as far as the widest.
        var cx = Math.floor(box[0] / cell), cy = Math.floor(box[1] / cell);
        var dot = [p.x - n.size, p.y - n.size, p.x + n.size, p.y + n.size];
        var hit = cut || dots.some(function (d) { return meets(box, d); })
                  || (key && !bold && labels.some(function (b) { return meets(dot, b); }));
        var across = Math.floor(box[2] / cell) - cx, down = Math.floor(box[3] / cell) - cy;
        for (var gx = cx - spanX; gx <= cx + across && !hit; gx++) {
          for (var gy = cy - spanY; gy <= cy + down && !hit; gy++) {
            (grid[gx + "," + gy] || []).forEach(function (b) {
              if (box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3]) { hit = true; }
            });
          }
        }
        if (hit) {
          size = 0;
        } else {
          (grid[cx + "," + cy] = grid[cx + "," + cy] || []).push(box);
          spanX = Math.max(spanX, across); spanY = Math.max(spanY, down);
          if (key) { dots.push(dot); labels.push(box); }
        }
      }
      if (key) {  // a named strong tie's dot gets a dark rim: its name is found under it
        var rim = size > 0 && !bold;
        return {id: n.id, font: {size: size, bold: bold ? {size: size} : undefined,
                                 strokeWidth: 4 / Math.min(1, scale)},
                borderWidth: rim ? RIM_PX : 1, color: rim ? {background: n.color, border: "#444444"} : n.color};
      }
      return {id: n.id, font: {size: size}};
    }));
  }
  network.on("zoom", function () {
    var scale = network.getScale();
    if (!lastScale || Math.abs(scale / lastScale - 1) > 0.15 || (NAME_SIZE * scale >= DRAWN_PX) !== lastDrawn) {
      applyFonts();
    }
  });
  network.on("dragEnd", applyFonts);
  var status = document.getElementById("status");
  function say(text) { status.textContent = text; }
  var select = document.getElementById("community");
  var metSelect = document.getElementById("met");
  var mineOnly = document.getElementById("mine");
  var small = {};
  data.communities.forEach(function (c) { if (c.small) { small[c.id] = true; } });
  function applyFilter() {
    var circle = select.value, met = metSelect.value, mine = mineOnly.checked;
    var updates = data.nodes.map(function (n) {
      var show = circle === "all" || (circle === "small" ? small[n.circle] === true : String(n.circle) === circle);
      if (met !== "all") { show = show && n.met === met; }
      if (mine) { show = show && n.met !== null && n.met !== undefined; }
      return {id: n.id, hidden: n.id !== data.ego && !show};
    });
    nodes.update(updates);
    applyFonts();
    var shown = updates.filter(function (u) { return !u.hidden; }).length;
    say(shown + " of " + data.nodes.length + " shown");
  }
  select.addEventListener("change", applyFilter);
  metSelect.addEventListener("change", applyFilter);
  mineOnly.addEventListener("change", applyFilter);
  var search = document.getElementById("search");
  function runSearch() {
    var q = search.value.trim().toLowerCase();
    hits = {};
    if (!q) { network.unselectAll(); applyFilter(); return; }
    var found = data.nodes.filter(function (n) {
      return (n.label + "\n" + n.title).toLowerCase().indexOf(q) >= 0;
    }).map(function (n) { return n.id; });
    // The matches' names are drawn (those that have room), right after the owner's.
    if (found.length <= 40) { found.forEach(function (id) { hits[id] = true; }); }
    network.selectNodes(found);
    if (found.length === 1 || found.length > 40) {
      // One person (or too many to frame): centre on the first and zoom so that names read.
      network.focus(found[0], {scale: Math.max(1.2, network.getScale()), animation: false});
    } else if (found.length) {
      network.fit({nodes: found, animation: false});
      if (network.getScale() > 2) { network.moveTo({scale: 2, animation: false}); }
    }
    applyFonts();
    say(found.length + (found.length === 1 ? " match" : " matches"));
  }
  search.addEventListener("input", runSearch);
  allNames.addEventListener("change", applyFonts);
  document.getElementById("save-png").addEventListener("click", function () {
    // The view as drawn, on white (the canvas itself is transparent), saved offline as a data URL.
    var canvas = container.querySelector("canvas");
    var out = document.createElement("canvas");
    out.width = canvas.width; out.height = canvas.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    var link = document.createElement("a");
    link.href = out.toDataURL("image/png");
    link.download = (document.title || "map").replace(/[^\w\- ]+/g, "").trim().replace(/ +/g, "-") + ".png";
    document.body.appendChild(link); link.click(); link.remove();
    say("view saved as " + link.download);
  });
  // The opening view: everything in view, the owner's and the strongest ties' names included. vis-network
  // fits the dots only, so a name under a dot at the edge would be cut: zoom out a little until the dots
  // and those names fit (by a fifth at most, so that a large map stays large; by half for a hundred
  // people or fewer, whose dots are few and far apart).
  function openingView() {
    var at = network.getPositions(), rect = container.getBoundingClientRect();
    var opening = network.getScale(), floor = data.nodes.length <= 100 ? 0.5 : 0.8;
    // Each dot's extent in map units (scaled by the zoom) and its name's in pixels (fixed on screen).
    var parts = data.nodes.filter(function (n) { return at[n.id]; }).map(function (n) {
      var p = at[n.id], named = !!n.key_name;
      return {x: p.x, y: p.y, r: n.size, half: named ? textWidth(n.label, n.id === data.ego) * KEY_NAME_PX / 2 : 0,
              below: named ? KEY_NAME_PX * 1.5 + 8 : 0};
    });
    if (!parts.length) { return; }
    function extent(scale) {  // the view's box at this zoom, in pixels around the origin
      var box = [Infinity, Infinity, -Infinity, -Infinity];
      parts.forEach(function (q) {
        var x = q.x * scale, y = q.y * scale, r = q.r * scale;
        box = [Math.min(box[0], x - Math.max(r, q.half)), Math.min(box[1], y - r),
               Math.max(box[2], x + Math.max(r, q.half)), Math.max(box[3], y + r + q.below)];
      });
      return box;
    }
    function fits(scale) {
      var box = extent(scale);
      return box[2] - box[0] <= rect.width - 8 && box[3] - box[1] <= rect.height - 8;
    }
    if (fits(opening)) { return; }
    var lo = opening * floor, hi = opening;
    for (var step = 0; step < 24; step++) {
      var mid = (lo + hi) / 2;
      if (fits(mid)) { lo = mid; } else { hi = mid; }
    }
    var box = extent(lo);
    network.moveTo({position: {x: (box[0] + box[2]) / 2 / lo, y: (box[1] + box[3]) / 2 / lo}, scale: lo,
                    animation: false});
  }
  network.once("afterDrawing", function () {
    openingView();
    applyFonts();
    document.body.setAttribute("data-drawn", "1");
  });
  applyFilter();
})();
