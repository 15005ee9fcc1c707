"""Batch lookups by a constrained key, the way applications send them: 300 rows through UNWIND, matched with the
property map and with a WHERE equality, and 300 ids through IN; best of three each over one http.client
connection. The server must serve a graph with `Customer` nodes whose `id` is `C<number>` (the comparison's
synthetic sets); the script creates the uniqueness constraint on `Customer.id` when it is missing.
usage: constraint_seeks.py HTTP_PORT [FIRST_ID]
"""
import http.client
import json
import sys
import time

c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
first = int(sys.argv[2]) if len(sys.argv) > 2 else 4097


def run(statement, parameters=None):
    t = time.perf_counter()
    body = json.dumps({"statements": [{"statement": statement, "parameters": parameters or {}}]})
    c.request("POST", "/db/neo4j/tx/commit", body, {"Content-Type": "application/json"})
    out = json.loads(c.getresponse().read())
    return (time.perf_counter() - t) * 1000, out


run("CREATE CONSTRAINT customer_id IF NOT EXISTS FOR (c:Customer) REQUIRE c.id IS UNIQUE")
rows = [{"id": f"C{first + i}", "age": i} for i in range(300)]
parameters = {"rows": rows, "ids": [r["id"] for r in rows]}
for statement in [
    "UNWIND $rows AS row MATCH (c:Customer {id: row.id}) RETURN count(*)",
    "UNWIND $rows AS row MATCH (c:Customer) WHERE c.id = row.id RETURN count(*)",
    "UNWIND $rows AS row MATCH (c:Customer) WHERE c.id = row.id SET c.age = row.age RETURN count(*)",
    "MATCH (c:Customer) WHERE c.id IN $ids RETURN count(*)",
    "MATCH (c:Customer) WHERE c.age > 200 RETURN count(c)",
]:
    best, out = min((run(statement, parameters) for _ in range(3)), key=lambda r: r[0])
    answer = out["errors"] or out["results"][0]["data"][0]["row"]
    print(f"{best:10.1f} ms  {statement}  {answer}")
