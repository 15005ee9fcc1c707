// The graph drawing: nodes and relationships on a canvas, laid out by a force simulation whose
// repulsion only looks at nearby nodes (a grid), so 1,000 nodes stay interactive. Pan by dragging
// the background, zoom with the wheel, drag a node to move it, double-click a node to expand it.
import { caption, colour } from "./ui.js";

export class GraphView {
  constructor(canvas, { onExpand, onHover } = {}) {
    this.canvas = canvas;
    this.context = canvas.getContext("2d");
    this.onExpand = onExpand;
    this.onHover = onHover;
    this.nodes = [];
    this.byID = new Map();
    this.links = [];
    this.linkIDs = new Set();
    this.view = { x: 0, y: 0, scale: 1 };
    this.fitting = true;
    this.alpha = 0;
    this.frame = 0;
    this.listen();
  }

  /** Replaces the drawing with `nodes` and `relationships` (as the Cypher route renders them). */
  set(nodes, relationships) {
    this.nodes = [];
    this.byID.clear();
    this.links = [];
    this.linkIDs.clear();
    this.view = { x: 0, y: 0, scale: 1 };
    this.fitting = true;
    this.firstDraw = undefined;
    this.started = performance.now();
    this.add(nodes, relationships);
  }

  /** Adds the nodes and relationships not drawn yet; new nodes start next to `near`. */
  add(nodes, relationships, near) {
    let added = 0;
    for (const n of nodes) {
      if (this.byID.has(n.id)) continue;
      const i = this.nodes.length;
      // A sunflower spiral spreads new nodes evenly; around `near` when expanding.
      const r = near ? 30 + 8 * Math.sqrt(added + 1) : 14 * Math.sqrt(i + 1);
      const a = (near ? added : i) * 2.39996;
      const node = { data: n, x: (near ? near.x : 0) + r * Math.cos(a), y: (near ? near.y : 0) + r * Math.sin(a), vx: 0, vy: 0, degree: 0 };
      this.nodes.push(node);
      this.byID.set(n.id, node);
      added++;
    }
    for (const r of relationships) {
      const a = this.byID.get(r.startNode), b = this.byID.get(r.endNode);
      if (!a || !b || this.linkIDs.has(r.id)) continue;
      this.linkIDs.add(r.id);
      this.links.push({ data: r, source: a, target: b });
      a.degree++; b.degree++;
    }
    this.canvas.dataset.nodes = String(this.nodes.length);
    this.canvas.dataset.relationships = String(this.links.length);
    this.alpha = near ? Math.max(this.alpha, 0.5) : 1;
    this.start();
    return added;
  }

  start() {
    if (!this.frame) this.frame = requestAnimationFrame(() => this.step());
  }

  step() {
    this.frame = 0;
    const budget = performance.now() + 8;
    do { if (this.alpha > 0.01) this.tick(); } while (this.alpha > 0.01 && performance.now() < budget);
    if (this.fitting) this.fit();
    this.draw();
    if (this.alpha > 0.01 || this.dragging) this.start();
  }

  /** One step of the simulation: springs on relationships, repulsion between nodes within `cell`. */
  tick() {
    const nodes = this.nodes, cell = 90, rest = 50, alpha = this.alpha;
    const grid = new Map();
    for (const n of nodes) {
      const key = `${Math.floor(n.x / cell)},${Math.floor(n.y / cell)}`;
      let list = grid.get(key);
      if (!list) grid.set(key, (list = []));
      list.push(n);
    }
    for (const n of nodes) {
      const cx = Math.floor(n.x / cell), cy = Math.floor(n.y / cell);
      for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) {
        const list = grid.get(`${cx + dx},${cy + dy}`);
        if (!list) continue;
        for (const m of list) {
          if (m === n) continue;
          let x = n.x - m.x, y = n.y - m.y, d2 = x * x + y * y;
          if (d2 > cell * cell) continue;
          if (d2 < 0.01) { x = Math.random() - 0.5; y = Math.random() - 0.5; d2 = 0.5; }
          const f = (alpha * 900) / d2;
          n.vx += x * f; n.vy += y * f;
        }
      }
    }
    for (const l of this.links) {
      const x = l.target.x - l.source.x, y = l.target.y - l.source.y;
      const d = Math.sqrt(x * x + y * y) || 1;
      const f = ((d - rest) / d) * 0.1 * alpha;
      l.source.vx += x * f; l.source.vy += y * f;
      l.target.vx -= x * f; l.target.vy -= y * f;
    }
    for (const n of nodes) {
      n.vx -= n.x * 0.002 * alpha; n.vy -= n.y * 0.002 * alpha;
      if (n === this.dragging) { n.vx = n.vy = 0; continue; }
      n.vx *= 0.6; n.vy *= 0.6;
      n.x += Math.max(-40, Math.min(40, n.vx)); n.y += Math.max(-40, Math.min(40, n.vy));
    }
    this.alpha *= 0.985;
  }

  size() {
    const dpr = window.devicePixelRatio || 1;
    const w = this.canvas.clientWidth, hgt = this.canvas.clientHeight;
    if (this.canvas.width !== Math.round(w * dpr) || this.canvas.height !== Math.round(hgt * dpr)) {
      this.canvas.width = Math.round(w * dpr);
      this.canvas.height = Math.round(hgt * dpr);
    }
    return { w, h: hgt, dpr };
  }

  /** Zooms and pans so that every node is in view. */
  fit() {
    if (!this.nodes.length) return;
    const { w, h } = this.size();
    if (!w || !h) return;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const n of this.nodes) { x0 = Math.min(x0, n.x); y0 = Math.min(y0, n.y); x1 = Math.max(x1, n.x); y1 = Math.max(y1, n.y); }
    const scale = Math.min(2, Math.min(w / (x1 - x0 + 80), h / (y1 - y0 + 80)));
    this.view = { scale, x: w / 2 - ((x0 + x1) / 2) * scale, y: h / 2 - ((y0 + y1) / 2) * scale };
  }

  radius(n) { return Math.min(14, 5 + Math.sqrt(n.degree)); }

  draw() {
    const { w, h, dpr } = this.size();
    if (!w || !h) return;
    const c = this.context, v = this.view;
    c.setTransform(dpr, 0, 0, dpr, 0, 0);
    c.clearRect(0, 0, w, h);
    c.setTransform(dpr * v.scale, 0, 0, dpr * v.scale, dpr * v.x, dpr * v.y);
    c.strokeStyle = "#aab2bf";
    c.lineWidth = 1 / v.scale;
    c.beginPath();
    for (const l of this.links) { c.moveTo(l.source.x, l.source.y); c.lineTo(l.target.x, l.target.y); }
    c.stroke();
    const detailed = this.nodes.length <= 300 && v.scale > 0.6;
    c.font = `${10 / Math.max(1, v.scale)}px system-ui, sans-serif`;
    if (detailed && this.links.length <= 60) {
      c.fillStyle = "#6b7280";
      c.textAlign = "center";
      for (const l of this.links) {
        c.fillText(l.data.type, (l.source.x + l.target.x) / 2, (l.source.y + l.target.y) / 2 - 2);
      }
    }
    // Nodes in view only; the count drawn is kept on the canvas for tests and the status line.
    const left = -v.x / v.scale, top = -v.y / v.scale, right = left + w / v.scale, bottom = top + h / v.scale;
    // One path per colour: far fewer fill calls than one per node.
    let drawn = 0;
    const byColour = new Map();
    for (const n of this.nodes) {
      const r = this.radius(n);
      if (n.x + r < left || n.x - r > right || n.y + r < top || n.y - r > bottom) continue;
      const key = colour(n.data.labels[0] || "");
      if (!byColour.has(key)) byColour.set(key, []);
      byColour.get(key).push(n);
      drawn++;
    }
    for (const [fill, list] of byColour) {
      c.beginPath();
      for (const n of list) { const r = this.radius(n); c.moveTo(n.x + r, n.y); c.arc(n.x, n.y, r, 0, 2 * Math.PI); }
      c.fillStyle = fill;
      c.fill();
    }
    if (this.hovered) {
      c.beginPath();
      c.arc(this.hovered.x, this.hovered.y, this.radius(this.hovered), 0, 2 * Math.PI);
      c.lineWidth = 2 / v.scale; c.strokeStyle = "#1d2330"; c.stroke();
    }
    if (detailed) {
      c.fillStyle = "#1d2330";
      c.textAlign = "left";
      for (const n of this.nodes) {
        const t = caption(n.data);
        c.fillText(t.length > 24 ? t.slice(0, 23) + "…" : t, n.x + this.radius(n) + 2, n.y + 3);
      }
    }
    this.canvas.dataset.drawn = String(drawn);
    if (this.firstDraw === undefined && drawn > 0) {
      this.firstDraw = performance.now() - this.started;
      this.canvas.dataset.firstDrawMs = this.firstDraw.toFixed(1);
    }
  }

  /** The node under the canvas point (`x`, `y`), if any. */
  hit(x, y) {
    const v = this.view, gx = (x - v.x) / v.scale, gy = (y - v.y) / v.scale;
    let best, bestD = Infinity;
    for (const n of this.nodes) {
      const d = (n.x - gx) ** 2 + (n.y - gy) ** 2, r = this.radius(n) + 3 / v.scale;
      if (d < r * r && d < bestD) { best = n; bestD = d; }
    }
    return best;
  }

  listen() {
    const c = this.canvas;
    const point = (e) => { const b = c.getBoundingClientRect(); return [e.clientX - b.left, e.clientY - b.top]; };
    let pan;
    c.addEventListener("mousedown", (e) => {
      const [x, y] = point(e);
      this.fitting = false;
      const n = this.hit(x, y);
      if (n) { this.dragging = n; this.alpha = Math.max(this.alpha, 0.1); this.start(); } else pan = { x, y, vx: this.view.x, vy: this.view.y };
    });
    window.addEventListener("mousemove", (e) => {
      const [x, y] = point(e);
      if (this.dragging) {
        this.dragging.x = (x - this.view.x) / this.view.scale;
        this.dragging.y = (y - this.view.y) / this.view.scale;
        this.draw();
      } else if (pan) {
        this.view.x = pan.vx + x - pan.x;
        this.view.y = pan.vy + y - pan.y;
        this.draw();
      } else if (e.target === c) {
        const n = this.hit(x, y);
        if (n !== this.hovered) { this.hovered = n; this.draw(); if (this.onHover) this.onHover(n, x, y); }
      }
    });
    window.addEventListener("mouseup", () => { this.dragging = undefined; pan = undefined; });
    c.addEventListener("wheel", (e) => {
      e.preventDefault();
      this.fitting = false;
      const [x, y] = point(e);
      const k = Math.exp(-e.deltaY * 0.0015), v = this.view;
      const scale = Math.max(0.05, Math.min(8, v.scale * k));
      v.x = x - ((x - v.x) * scale) / v.scale;
      v.y = y - ((y - v.y) * scale) / v.scale;
      v.scale = scale;
      this.draw();
    }, { passive: false });
    c.addEventListener("dblclick", (e) => {
      const n = this.hit(...point(e));
      if (n && this.onExpand) this.onExpand(n);
    });
  }
}
