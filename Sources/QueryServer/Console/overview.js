// The Overview page: counts per label and relationship type, indexes, constraints, vector indexes
// with their sizes and recall settings, and request rate and latency charts drawn from /metrics.
import { api } from "./api.js";
import { $, h, objectTable, showError } from "./ui.js";

const samples = [];
let timer;

/** The request counters and latency histogram of the Prometheus text, over the API's routes. */
export function requestTotals(text) {
  const t = { count: 0, sum: 0, buckets: new Map() };
  for (const line of text.split("\n")) {
    if (!line.startsWith("ignitabull_http_request")) continue;
    // The console's own polling and assets are not the traffic worth watching.
    if (line.includes('route="/metrics"') || line.includes('route="/console')) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (line.startsWith("ignitabull_http_request_duration_seconds_count{")) t.count += value;
    else if (line.startsWith("ignitabull_http_request_duration_seconds_sum{")) t.sum += value;
    else if (line.startsWith("ignitabull_http_request_duration_seconds_bucket{")) {
      const le = line.match(/le="([^"]+)"/)[1];
      t.buckets.set(le, (t.buckets.get(le) || 0) + value);
    }
  }
  return t;
}

/** The `q` quantile, in seconds, of the requests between two histogram readings. */
function quantile(a, b, q) {
  const bounds = [...b.buckets.keys()].filter((k) => k !== "+Inf").map(Number).sort((x, y) => x - y);
  const total = b.count - a.count;
  if (total <= 0) return 0;
  for (const bound of bounds) {
    const key = String(bound);
    const n = (b.buckets.get(key) || 0) - (a.buckets.get(key) || 0);
    if (n >= q * total) return bound;
  }
  return bounds.length ? bounds[bounds.length - 1] : 0;
}

function chart(canvas, series, colours, unit) {
  const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth, hgt = canvas.clientHeight;
  if (!w) return;
  canvas.width = w * dpr; canvas.height = hgt * dpr;
  const c = canvas.getContext("2d");
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  c.clearRect(0, 0, w, hgt);
  const max = Math.max(1e-9, ...series.flat());
  const pad = 28, n = 60;
  c.strokeStyle = "#dde1e7"; c.fillStyle = "#6b7280"; c.font = "11px system-ui, sans-serif";
  for (let i = 0; i <= 2; i++) {
    const y = pad / 2 + ((hgt - pad) * i) / 2;
    c.beginPath(); c.moveTo(pad, y); c.lineTo(w, y); c.stroke();
    c.fillText(((max * (2 - i)) / 2).toPrecision(2), 0, y + 4);
  }
  c.fillText(unit, w - 40, 12);
  series.forEach((s, k) => {
    c.strokeStyle = colours[k]; c.lineWidth = 2; c.beginPath();
    s.forEach((v, i) => {
      const x = pad + ((w - pad) * (i + n - s.length)) / (n - 1), y = pad / 2 + (hgt - pad) * (1 - v / max);
      if (i === 0) c.moveTo(x, y); else c.lineTo(x, y);
    });
    c.stroke();
  });
  canvas.dataset.points = String(series[0].length);
}

async function poll() {
  try {
    const t = requestTotals(await api.text("/metrics"));
    t.at = performance.now();
    samples.push(t);
    if (samples.length > 61) samples.shift();
    const rate = [], mean = [], p95 = [];
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1], b = samples[i], n = b.count - a.count;
      rate.push(n / ((b.at - a.at) / 1000));
      mean.push(n > 0 ? ((b.sum - a.sum) / n) * 1000 : 0);
      p95.push(quantile(a, b, 0.95) * 1000);
    }
    chart($("chart-rate"), [rate], ["#d9480f"], "req/s");
    chart($("chart-latency"), [mean, p95], ["#1971c2", "#9c36b5"], "ms");
  } catch (e) {
    showError($("overview-error"), e);
  }
}

async function counts() {
  const [counts, indexes, constraints, health] = await Promise.all([
    api.get(api.db("counts")),
    api.records("SHOW INDEXES"),
    api.records("SHOW CONSTRAINTS"),
    api.get("/health"),
  ]);
  const labels = counts.labels.sort((a, b) => b.count - a.count), types = counts.relationshipTypes.sort((a, b) => b.count - a.count);
  const n = (v) => (typeof v === "number" ? v.toLocaleString("en") : v);
  $("ov-labels").replaceChildren(objectTable([["label", (r) => r.label], ["nodes", (r) => n(r.count), "num"]], labels, "no nodes"));
  $("ov-types").replaceChildren(objectTable([["type", (r) => r.type], ["relationships", (r) => n(r.count), "num"]], types, "no relationships"));
  $("ov-server").replaceChildren(objectTable([["", (r) => r[0]], ["", (r) => r[1], "num"]], [
    ["status", health.status], ["nodes", n(health.nodes)], ["relationships", n(health.relationships)],
  ]));
  const vectors = indexes.filter((i) => i.type === "VECTOR");
  const config = (i) => (i.options && i.options.indexConfig) || {};
  const searchMode = (i) => (i.options && i.options.search) || {};
  $("ov-vectors").replaceChildren(objectTable([
    ["name", (i) => i.name], ["label", (i) => (i.labelsOrTypes || []).join(", ")], ["property", (i) => (i.properties || []).join(", ")],
    ["vectors", (i) => n(i.options && i.options.entries), "num"], ["dimensions", (i) => config(i)["vector.dimensions"], "num"],
    ["similarity", (i) => config(i)["vector.similarity_function"]], ["lists", (i) => config(i)["vector.ivf.lists"], "num"],
    ["recall target", (i) => config(i)["vector.recall_target"], "num"], ["search", (i) => searchMode(i).mode],
    ["probes", (i) => searchMode(i).probes, "num"], ["expected recall", (i) => searchMode(i).expectedRecall, "num"],
  ], vectors, "no vector indexes"));
  $("ov-indexes").replaceChildren(objectTable([
    ["name", (i) => i.name], ["type", (i) => i.type], ["on", (i) => `${(i.labelsOrTypes || []).join(", ")}(${(i.properties || []).join(", ")})`],
    ["state", (i) => i.state],
  ], indexes.filter((i) => i.type !== "VECTOR"), "no indexes"));
  $("ov-constraints").replaceChildren(objectTable([
    ["name", (i) => i.name], ["type", (i) => i.type], ["on", (i) => `${(i.labelsOrTypes || []).join(", ")}(${(i.properties || []).join(", ")})`],
  ], constraints, "no constraints"));
}

export async function openOverview() {
  showError($("overview-error"), null);
  if (!timer) { poll(); timer = setInterval(poll, 2000); }
  try { await counts(); } catch (e) { showError($("overview-error"), e); }
}

export function closeOverview() {
  clearInterval(timer);
  timer = undefined;
  samples.length = 0;
}
