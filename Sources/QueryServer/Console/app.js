// The console's entry point: one page per `#hash` (query, recommendations, search, overview).
import { api } from "./api.js";
import { openOverview, closeOverview } from "./overview.js";
import { openQuery, setUpQuery } from "./query.js";
import { openRecommendations, setUpRecommendations } from "./recs.js";
import { setUpSearch } from "./search.js";
import { $ } from "./ui.js";

const pages = ["query", "recommendations", "search", "overview"];

function route() {
  const [name, ...rest] = location.hash.slice(1).split("/");
  const page = pages.includes(name) ? name : "query";
  for (const p of pages) $(`page-${p}`).hidden = p !== page;
  document.querySelectorAll("#tabs a").forEach((a) => a.classList.toggle("on", a.dataset.page === page));
  document.body.dataset.page = page;
  if (page === "overview") openOverview(); else closeOverview();
  if (page === "query") openQuery();
  if (page === "recommendations") openRecommendations(rest);
}

async function status() {
  try {
    const h = await api.get("/health");
    $("server-status").textContent = `${h.status} · ${h.nodes.toLocaleString("en")} nodes · ${h.relationships.toLocaleString("en")} relationships`;
  } catch (e) {
    $("server-status").textContent = `server: ${e.message}`;
  }
}

setUpQuery();
setUpRecommendations();
setUpSearch();
window.addEventListener("hashchange", route);
route();
status();
document.body.dataset.ready = "1";
