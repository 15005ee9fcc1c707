// The Query page: a Cypher editor with parameters and history; results as a table, JSON, a graph
// drawing and, for EXPLAIN / PROFILE, the plan as a tree.
import { api } from "./api.js";
import { GraphView } from "./graph.js";
import { $, h, compact, showError, isNode, isPath, isRelationship, virtualTable } from "./ui.js";

const historyKey = "ignitabull.console.history";
let result = null;
let view = "table";
let graph;
let graphShown = null;

function history() {
  try { return JSON.parse(localStorage.getItem(historyKey) || "[]"); } catch { return []; }
}

function remember(query, params) {
  const list = history().filter((e) => e.query !== query || e.params !== params);
  list.unshift({ query, params });
  localStorage.setItem(historyKey, JSON.stringify(list.slice(0, 50)));
  fillHistory();
}

function fillHistory() {
  const select = $("history");
  select.replaceChildren(h("option", { value: "" }, "History…"), history().map((e, i) => h("option", { value: i }, e.query.replace(/\s+/g, " ").slice(0, 80))));
}

/** Every node and relationship in the rows (inside lists, maps and paths too). */
export function graphOf(rows) {
  const nodes = new Map(), relationships = new Map();
  const visit = (v) => {
    if (!v || typeof v !== "object") return;
    if (isNode(v)) nodes.set(v.id, v);
    else if (isRelationship(v)) relationships.set(v.id, v);
    else if (isPath(v)) { v.nodes.forEach(visit); v.relationships.forEach(visit); }
    else if (Array.isArray(v)) v.forEach(visit);
    else Object.values(v).forEach(visit);
  };
  rows.forEach(visit);
  return { nodes: [...nodes.values()], relationships: [...relationships.values()] };
}

/** The plan lines as a tree: each clause's input is the clause before it, the leaf at the bottom. */
function planTree(lines) {
  const rows = lines.filter((l) => !l.startsWith("Rows:"));
  const footer = lines.find((l) => l.startsWith("Rows:"));
  let tree = null;
  for (const line of rows) {
    const [name, ...rest] = line.split(": ");
    const steps = rest.join(": ").split(" -> ").filter(Boolean);
    const item = h("li", {}, h("span", { class: "op" }, name), steps.length ? h("ul", {}, steps.map((s) => h("li", {}, h("span", { class: "op" }, s)))) : null);
    if (tree) item.append(h("ul", {}, tree));
    tree = item;
  }
  return h("div", { class: "plan" }, h("ul", {}, h("li", {}, h("span", { class: "op" }, "ProduceResults" + (footer ? ` (${footer})` : "")), tree ? h("ul", {}, tree) : null)));
}

function show(v) {
  view = v;
  document.querySelectorAll(".views button").forEach((b) => b.classList.toggle("on", b.dataset.view === v));
  for (const name of ["table", "json", "graph", "plan"]) $(`view-${name}`).hidden = name !== v;
  if (!result) return;
  if (v === "json" && $("view-json").dataset.filled !== "1") {
    const shown = result.rows.length > 2000 ? { ...result, rows: result.rows.slice(0, 2000), note: `first 2,000 of ${result.rows.length} rows` } : result;
    $("view-json").textContent = JSON.stringify(shown, null, 2);
    $("view-json").dataset.filled = "1";
  }
  if (v === "graph" && graphShown !== result) {
    graphShown = result;
    const g = graphOf(result.rows);
    $("graph-tip").hidden = true;
    graph.set(g.nodes, g.relationships);
  }
  if (v === "graph") graph.start();
  if (v === "table") $("view-table").firstChild?.redraw?.();
}

async function run(explain) {
  const query = $("cypher").value;
  const paramsText = $("params").value.trim() || "{}";
  let params;
  try {
    params = JSON.parse(paramsText);
    if (typeof params !== "object" || Array.isArray(params) || params === null) throw new Error("parameters must be a JSON object");
  } catch (e) {
    showError($("cypher-error"), { message: `parameters: ${e.message}` });
    return;
  }
  const prefix = explain && !/^\s*(EXPLAIN|PROFILE)\b/i.test(query) ? "EXPLAIN " : "";
  $("run").disabled = $("explain").disabled = true;
  $("query-status").textContent = "running…";
  const started = performance.now();
  try {
    const r = await api.cypher(prefix + query, params);
    const ms = performance.now() - started;
    remember(query, paramsText);
    showError($("cypher-error"), null);
    result = r;
    $("view-json").dataset.filled = "";
    const drawStart = performance.now();
    $("view-table").replaceChildren(r.columns.length ? virtualTable(r.columns, r.rows) : h("div", { class: "muted", style: "padding:8px" }, "no columns"));
    $("view-plan").replaceChildren(r.plan ? planTree(r.plan) : h("div", { class: "muted", style: "padding:8px" }, "EXPLAIN or PROFILE a query to see its plan"));
    const changes = Object.entries(r.stats || {}).filter(([k, v]) => k !== "containsUpdates" && v).map(([k, v]) => `${k} ${v}`);
    $("query-status").textContent = `${r.rows.length} row${r.rows.length === 1 ? "" : "s"} in ${ms.toFixed(0)} ms` + (changes.length ? ` · ${changes.join(", ")}` : "");
    const g = graphOf(r.rows.length > 5000 ? r.rows.slice(0, 5000) : r.rows);
    show(r.plan ? "plan" : view === "plan" ? (g.nodes.length ? "graph" : "table") : view);
    requestAnimationFrame(() => { window.consoleTimings = Object.assign(window.consoleTimings || {}, { rows: r.rows.length, requestMs: ms, renderMs: performance.now() - drawStart }); });
  } catch (e) {
    $("query-status").textContent = "";
    // The previous result goes: left under the error, it reads as this query's answer.
    result = graphShown = null;
    $("view-table").replaceChildren();
    $("view-plan").replaceChildren();
    $("view-json").textContent = "";
    $("view-json").dataset.filled = "";
    graph.set([], []);
    showError($("cypher-error"), shift(e, prefix.length));
    if (e.body && e.body.offset !== undefined) {
      const at = Math.max(0, Math.min(query.length, e.body.offset - prefix.length));
      const editor = $("cypher");
      editor.focus();
      editor.setSelectionRange(at, Math.min(query.length, at + 1));
    }
  } finally {
    $("run").disabled = $("explain").disabled = false;
  }
}

/** An error whose position counts from the editor's text, not from an added `EXPLAIN ` prefix. */
function shift(error, by) {
  if (!by || !error.body || error.body.line !== 1) return error;
  return { code: error.code, message: error.message, body: { ...error.body, column: error.body.column - by, offset: error.body.offset - by } };
}

async function expand(node) {
  try {
    const r = await api.cypher("MATCH (n)-[r]-(m) WHERE id(n) = $id RETURN n, r, m LIMIT 100", { id: node.data.id });
    const g = graphOf(r.rows);
    const added = graph.add(g.nodes, g.relationships, node);
    $("query-status").textContent = `expanded ${node.data.labels.join(":")} ${node.data.id}: ${added} new node${added === 1 ? "" : "s"}`;
  } catch (e) {
    showError($("cypher-error"), e);
  }
}

export function setUpQuery() {
  graph = new GraphView($("graph-canvas"), {
    onExpand: expand,
    onHover: (n, x, y) => {
      const tip = $("graph-tip");
      tip.hidden = !n;
      if (!n) return;
      tip.textContent = `${n.data.labels.map((l) => ":" + l).join("")} #${n.data.id}\n` + Object.entries(compact(n.data.properties)).slice(0, 12).map(([k, v]) => `${k}: ${JSON.stringify(v).slice(0, 80)}`).join("\n");
      tip.style.left = `${x + 12}px`;
      tip.style.top = `${y + 12}px`;
    },
  });
  window.consoleGraph = graph;
  $("run").addEventListener("click", () => run(false));
  $("explain").addEventListener("click", () => run(true));
  $("cypher").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(false); } });
  $("history").addEventListener("change", (e) => {
    const entry = history()[Number(e.target.value)];
    if (entry) { $("cypher").value = entry.query; $("params").value = entry.params; }
    e.target.value = "";
  });
  document.querySelectorAll(".views button").forEach((b) => b.addEventListener("click", () => show(b.dataset.view)));
  fillHistory();
}

/** Shows the page; `query` (from a link elsewhere in the console) is put in the editor and run. */
export function openQuery(query, params) {
  if (query) {
    $("cypher").value = query;
    $("params").value = JSON.stringify(params || {}, null, 1);
    run(false);
  } else if (view === "graph") graph.start();
}
