// The Recommendations page: a customer's history beside their top-k with reasons and signal
// contributions; a product's similar products, frequently-bought-with pairs and also-bought.
import { api } from "./api.js";
import { $, h, fixed, objectTable, showError } from "./ui.js";

const enc = encodeURIComponent;

function debounce(f, ms = 200) {
  let t;
  return (...a) => { clearTimeout(t); t = setTimeout(() => f(...a), ms); };
}

/** Fills a datalist with ids matching what was typed (by id prefix, or description words for products). */
async function suggest(list, label, typed) {
  if (!typed) return;
  const byDescription = label === "Product" ? " OR toLower(coalesce(n.description, '')) CONTAINS toLower($q)" : "";
  try {
    const rows = await api.records(`MATCH (n:${label}) WHERE n.id STARTS WITH $q${byDescription} RETURN n.id AS id, n.description AS description LIMIT 20`, { q: typed });
    $(list).replaceChildren(...rows.map((r) => h("option", { value: r.id }, r.description || "")));
  } catch { /* suggestions are a convenience; the search itself reports errors */ }
}

function bar(score, max) {
  return h("span", {}, h("span", { class: "bar", style: `width:${Math.max(2, Math.round((60 * score) / (max || 1)))}px` }), fixed(score));
}

function productLink(id) {
  return h("a", { class: "link", onclick: () => { $("product-id").value = id; showProduct(); } }, id);
}

function signals(item) {
  if (!item.signals || !item.signals.length) return null;
  return h("div", { class: "signals" }, item.signals.map((s) => h("span", { class: "signal", title: "signal contribution" }, `${s.signal} ${fixed(s.value)}${s.because ? " ← " + s.because : ""}`)));
}

function parameters() {
  const q = new URLSearchParams({ k: $("rec-k").value || "10", explain: "true", strategy: $("rec-strategy").value });
  const diversity = Number($("rec-diversity").value);
  if (diversity > 0) q.set("diversity", String(diversity));
  const add = (name, id) => { const v = $(id).value.trim(); if (v) q.set(name, v); };
  add("category", "rec-category");
  add("minPrice", "rec-min-price");
  add("maxPrice", "rec-max-price");
  add("exclude", "rec-exclude");
  if ($("rec-in-stock").checked) q.set("inStock", "true");
  return q;
}

export async function showCustomer() {
  const id = $("customer-id").value.trim();
  if (!id) return;
  location.hash = `#recommendations/customer/${enc(id)}`;
  showError($("customer-error"), null);
  const started = performance.now();
  const [history, recs] = await Promise.allSettled([
    api.records(
      "MATCH (c:Customer {id: $id})-[p:PURCHASED]->(pr:Product) " +
        "RETURN pr.id AS id, pr.description AS description, count(p) AS times, sum(p.quantity) AS quantity, max(p.timestamp) AS last " +
        "ORDER BY last DESC LIMIT 200",
      { id }),
    api.get(api.db(`customers/${enc(id)}/recommendations?${parameters()}`)),
  ]);
  if (history.status === "fulfilled") {
    $("customer-history").replaceChildren(objectTable([
      ["product", (r) => productLink(r.id)], ["description", (r) => r.description, "wrap"], ["times", (r) => r.times, "num"],
      ["quantity", (r) => r.quantity, "num"], ["last", (r) => (r.last ? new Date(r.last * 1000).toISOString().slice(0, 10) : "")],
    ], history.value, "no purchases"));
  } else {
    $("customer-history").replaceChildren();
    showError($("customer-error"), history.reason);
  }
  if (recs.status === "fulfilled") {
    const r = recs.value;
    const max = Math.max(...r.items.map((i) => i.score), 0);
    $("customer-summary").textContent = [
      `customer ${r.subject}`, r.knownSubject ? `${r.historySize ?? "?"} products bought` : "unknown customer",
      `strategy ${r.strategy}`, r.model ? `model ${r.model}` : "", r.coldStart ? `cold start (${r.coldStartReason})` : "",
      `${(performance.now() - started).toFixed(0)} ms`,
    ].filter(Boolean).join(" · ");
    $("customer-recs").replaceChildren(objectTable([
      ["#", (i) => r.items.indexOf(i) + 1, "num"], ["product", (i) => productLink(i.id)],
      ["why", (i) => h("div", {}, h("div", {}, i.description || ""), h("div", { class: "reason" }, i.reason || ""), signals(i)), "wrap"],
      ["score", (i) => bar(i.score, max)],
    ], r.items, "no recommendations"));
  } else {
    $("customer-recs").replaceChildren();
    showError($("customer-error"), recs.reason);
  }
}

export async function showProduct() {
  const typed = $("product-id").value.trim();
  if (!typed) return;
  showError($("product-error"), null);
  let id = typed;
  try {
    // An id, or else the first product whose description has the words typed.
    const found = await api.records(
      "OPTIONAL MATCH (p:Product {id: $q}) WITH p WHERE p IS NOT NULL RETURN p.id AS id, p.description AS description " +
        "UNION MATCH (p:Product) WHERE toLower(coalesce(p.description, '')) CONTAINS toLower($q) RETURN p.id AS id, p.description AS description LIMIT 1",
      { q: typed });
    if (!found.length) throw { message: `no Product with id or description \`${typed}\``, code: "NotFound" };
    id = found[0].id;
    $("product-id").value = id;
    $("product-summary").textContent = `product ${id} · ${found[0].description || ""}`;
  } catch (e) {
    showError($("product-error"), e);
    return;
  }
  location.hash = `#recommendations/product/${enc(id)}`;
  const strategy = $("similar-strategy").value;
  const [similar, fbw, also] = await Promise.allSettled([
    api.get(api.db(`products/${enc(id)}/similar?k=10&explain=true&strategy=${enc(strategy)}`)),
    api.records(
      "MATCH (p:Product {id: $id})-[r:FREQUENTLY_BOUGHT_WITH]-(q:Product) " +
        "RETURN q.id AS id, q.description AS description, r.count AS baskets, r.support AS support, " +
        "CASE WHEN startNode(r) = p THEN r.confidence ELSE r.reverseConfidence END AS confidence, r.lift AS lift " +
        "ORDER BY baskets DESC, lift DESC LIMIT 10",
      { id }),
    api.get(api.db(`products/${enc(id)}/also-bought?k=10&explain=true`)),
  ]);
  const list = (box, settled, extra = []) => {
    if (settled.status === "rejected") { $(box).replaceChildren(); showError($("product-error"), settled.reason); return; }
    const items = settled.value.items;
    const max = Math.max(...items.map((i) => i.score), 0);
    $(box).replaceChildren(objectTable([
      ["product", (i) => productLink(i.id)],
      ["description", (i) => h("div", {}, h("div", {}, i.description || ""), h("div", { class: "reason" }, i.reason || ""), signals(i)), "wrap"],
      ...extra, ["score", (i) => bar(i.score, max)],
    ], items, "none"));
  };
  list("product-similar", similar);
  if (fbw.status === "fulfilled") {
    $("product-fbw").replaceChildren(objectTable([
      ["product", (r) => productLink(r.id)], ["description", (r) => r.description, "wrap"], ["baskets", (r) => r.baskets, "num"],
      ["support", (r) => fixed(r.support, 4), "num"], ["confidence", (r) => fixed(r.confidence, 3), "num"], ["lift", (r) => fixed(r.lift, 2), "num"],
    ], fbw.value, "no frequently-bought-with pairs (mine them with `ignitabull mine`)"));
  } else {
    showError($("product-error"), fbw.reason);
  }
  list("product-also", also);
}

export function setUpRecommendations() {
  $("customer-form").addEventListener("submit", (e) => { e.preventDefault(); showCustomer(); });
  $("product-form").addEventListener("submit", (e) => { e.preventDefault(); showProduct(); });
  $("customer-id").addEventListener("input", debounce((e) => suggest("customer-ids", "Customer", e.target.value.trim())));
  $("product-id").addEventListener("input", debounce((e) => suggest("product-ids", "Product", e.target.value.trim())));
  $("rec-diversity").addEventListener("input", (e) => { $("rec-diversity-value").textContent = e.target.value; });
  for (const id of ["rec-strategy", "rec-diversity", "rec-in-stock"]) $(id).addEventListener("change", () => showCustomer());
  $("similar-strategy").addEventListener("change", () => showProduct());
}

/** Opens `#recommendations/customer/ID` or `#recommendations/product/ID`. */
export function openRecommendations(rest) {
  const [kind, id] = rest;
  if (kind === "customer" && id && $("customer-id").value !== decodeURIComponent(id)) { $("customer-id").value = decodeURIComponent(id); showCustomer(); }
  if (kind === "product" && id && $("product-id").value !== decodeURIComponent(id)) { $("product-id").value = decodeURIComponent(id); showProduct(); }
}
