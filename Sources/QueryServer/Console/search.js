// The Semantic search page: text over the product vector index, with each hit's cosine score.
import { api } from "./api.js";
import { $, h, fixed, objectTable, showError } from "./ui.js";

async function search() {
  const text = $("search-text").value.trim();
  if (!text) return;
  showError($("search-error"), null);
  const started = performance.now();
  try {
    const r = await api.post(api.db("search"), { text, k: Number($("search-k").value) || 20 });
    $("search-summary").textContent = `${r.items.length} products from index ${r.index} in ${(performance.now() - started).toFixed(0)} ms`;
    $("search-results").replaceChildren(objectTable([
      ["#", (i) => r.items.indexOf(i) + 1, "num"],
      ["product", (i) => h("a", { class: "link", href: `#recommendations/product/${encodeURIComponent(i.id)}` }, String(i.id))],
      ["description", (i) => i.description, "wrap"],
      ["score", (i) => h("span", {}, h("span", { class: "bar", style: `width:${Math.max(2, Math.round(120 * Math.max(0, i.score)))}px` }), fixed(i.score, 4))],
      ["price", (i) => i.properties.unitPrice ?? i.properties.price, "num"],
    ], r.items, "no products"));
  } catch (e) {
    $("search-summary").textContent = "";
    $("search-results").replaceChildren();
    showError($("search-error"), e);
  }
}

export function setUpSearch() {
  $("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });
}
