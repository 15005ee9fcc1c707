// The console's only door to the server: every request goes through `request` below, so a login
// header (when access control lands) is added in one place. Only the public HTTP API is used.

export const database = "neo4j";

/** Headers every request carries; the place for an `Authorization` header. */
function headers(extra) {
  return Object.assign({ Accept: "application/json" }, extra);
}

/** An error answer of the server: `code`, `message` and any details (a syntax error's `line`, `column`). */
export class APIError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || `HTTP${status}`;
  }
}

async function request(method, path, body, accept) {
  const init = { method, headers: headers(accept ? { Accept: accept } : {}) };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const type = response.headers.get("Content-Type") || "";
  const payload = type.includes("json") ? await response.json() : await response.text();
  if (!response.ok) throw new APIError(response.status, typeof payload === "object" ? payload : { message: payload });
  return payload;
}

export const api = {
  get: (path) => request("GET", path),
  text: (path) => request("GET", path, undefined, "text/plain"),
  post: (path, body) => request("POST", path, body),
  /** `POST /db/{db}/cypher` → `{columns, rows, stats, plan?}`. */
  cypher: (query, parameters = {}) => request("POST", `/db/${database}/cypher`, { query, parameters }),
  /** The rows of a query as objects keyed by column. */
  async records(query, parameters = {}) {
    const r = await request("POST", `/db/${database}/cypher`, { query, parameters });
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c, row[i]])));
  },
  db: (path) => `/db/${database}/${path}`,
};
