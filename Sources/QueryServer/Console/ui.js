// Small DOM helpers shared by the pages: element building, errors, value formatting, tables.

/** `h("td", {class: "num"}, "12")`: an element with attributes (`on…` are listeners) and children. */
export function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== undefined && c !== null) e.append(c instanceof Node ? c : String(c));
  return e;
}

export const $ = (id) => document.getElementById(id);

/** Shows `error` (an `APIError` or any error) in `box`; a syntax error's position comes first. */
export function showError(box, error) {
  box.replaceChildren();
  if (!error) { box.hidden = true; return; }
  const b = error.body || {};
  if (b.line !== undefined) box.append(h("span", { class: "pos" }, `line ${b.line}, column ${b.column}: `));
  box.append(`${error.code ? error.code + ": " : ""}${error.message}`);
  box.hidden = false;
}

export const isNode = (v) => v && typeof v === "object" && Array.isArray(v.labels) && "properties" in v;
export const isRelationship = (v) => v && typeof v === "object" && typeof v.type === "string" && "startNode" in v;
export const isPath = (v) => v && typeof v === "object" && Array.isArray(v.nodes) && Array.isArray(v.relationships);

const palette = ["#d9480f", "#1971c2", "#2f9e44", "#9c36b5", "#e67700", "#0c8599", "#c2255c", "#5c7cfa", "#74b816", "#495057"];
const colours = new Map();
/** A stable colour per label. */
export function colour(label) {
  if (!colours.has(label)) colours.set(label, palette[colours.size % palette.length]);
  return colours.get(label);
}

/** The text a node is shown by: its `name`, `description`, `title` or `id`, else its internal id. */
export function caption(node) {
  const p = node.properties || {};
  for (const k of ["name", "description", "title", "id"]) if (p[k] !== undefined && p[k] !== null) return String(p[k]);
  return `#${node.id}`;
}

/** `v` with long lists of numbers (embeddings) replaced by a note of their length. */
export function compact(v) {
  if (Array.isArray(v)) return v.length > 16 && v.every((x) => typeof x === "number") ? `[${v.length} numbers]` : v.map(compact);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

function short(v) {
  const s = JSON.stringify(compact(v));
  return s.length > 120 ? s.slice(0, 117) + "…" : s;
}

/** A cell's text for any result value. */
export function text(v) {
  if (v === null || v === undefined) return "null";
  if (isNode(v)) return `(${v.labels.map((l) => ":" + l).join("")} ${short(v.properties)})`;
  if (isRelationship(v)) return `[:${v.type} ${short(v.properties)}]`;
  if (isPath(v)) return `path of ${v.relationships.length}`;
  if (typeof v === "object") return short(v);
  return String(v);
}

/** A cell for a value: labels as coloured chips for nodes. */
export function cell(v) {
  if (isNode(v)) {
    return h("td", { title: JSON.stringify(compact(v.properties)) }, v.labels.map((l) => h("span", { class: "node-chip", style: `background:${colour(l)}` }, l)), caption(v));
  }
  return h("td", { class: typeof v === "number" ? "num" : undefined }, text(v));
}

export const rowHeight = 23;

/**
 * A table of `rows` (arrays) under `columns` that draws only the rows in view, so a result of
 * 10,000 rows scrolls as fast as one of 10. Returns the scrolling element.
 */
export function virtualTable(columns, rows, makeCell = cell) {
  const scroller = h("div", { class: "scroller" });
  const head = h("tr", {}, h("th", { class: "num" }, "#"), columns.map((c) => h("th", {}, c)));
  const body = h("tbody");
  scroller.append(h("table", {}, h("thead", {}, head), body));
  let drawn = "";
  const draw = () => {
    const view = scroller.clientHeight || 600;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - 10);
    const last = Math.min(rows.length, first + Math.ceil(view / rowHeight) + 20);
    if (drawn === `${first}:${last}`) return;
    drawn = `${first}:${last}`;
    const out = [];
    if (first > 0) out.push(h("tr", { class: "pad" }, h("td", { colspan: columns.length + 1, style: `height:${first * rowHeight}px` })));
    for (let i = first; i < last; i++) {
      out.push(h("tr", { style: `height:${rowHeight}px` }, h("td", { class: "num muted" }, i + 1), rows[i].map((v) => makeCell(v))));
    }
    if (last < rows.length) out.push(h("tr", { class: "pad" }, h("td", { colspan: columns.length + 1, style: `height:${(rows.length - last) * rowHeight}px` })));
    body.replaceChildren(...out);
  };
  scroller.addEventListener("scroll", () => requestAnimationFrame(draw), { passive: true });
  scroller.redraw = () => { drawn = ""; draw(); };
  queueMicrotask(draw);
  return scroller;
}

/** A plain table of objects, `columns` as `[title, (row) => value or Node, class?]`. */
export function objectTable(columns, rows, empty = "nothing") {
  if (!rows.length) return h("div", { class: "muted small" }, empty);
  return h("table", {},
    h("thead", {}, h("tr", {}, columns.map(([t, , c]) => h("th", { class: c }, t)))),
    h("tbody", {}, rows.map((r) => h("tr", {}, columns.map(([, f, c]) => {
      const v = f(r);
      return h("td", { class: c }, v instanceof Node ? v : v === undefined || v === null ? "" : String(v));
    })))));
}

/** A number with at most `digits` decimals. */
export const fixed = (v, digits = 3) => (typeof v === "number" ? String(Number(v.toFixed(digits))) : v ?? "");
