"""Single-statement writes on a large graph, each its own auto-commit transaction over one keep-alive
http.client connection (see write_costs.sh). Waits for the recommender's model, whose build would otherwise
share the cores, then runs each statement 60 times a round with random keys, and prints p50 and p90 per round.
usage: write_costs.py HTTP_BASE_URL [ROUNDS]
"""
import http.client
import json
import random
import statistics
import sys
import time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
c = http.client.HTTPConnection(url.hostname, url.port)


def run(statement, parameters):
    body = json.dumps({"statements": [{"statement": statement, "parameters": parameters}]})
    t = time.perf_counter()
    c.request("POST", "/db/neo4j/tx/commit", body, {"Content-Type": "application/json"})
    r = c.getresponse()
    out = json.loads(r.read())
    elapsed = (time.perf_counter() - t) * 1000
    if r.status != 200 or out.get("errors"):
        raise SystemExit(f"{statement}: {r.status} {out.get('errors')}")
    return elapsed, out


def count(label):
    return run(f"MATCH (n:{label}) RETURN count(n)", {})[1]["results"][0]["data"][0]["row"][0]


for _ in range(600):
    c.request("GET", "/db/neo4j/recommender")
    r = c.getresponse()
    r.read()
    if r.status == 200:
        break
    time.sleep(1)
for label in ("Customer", "Product"):
    run(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE", {})
customers, products = count("Customer"), count("Product")
print(f"{customers:,} customers, {products:,} products")
random.seed(7)
statements = {
    "SET a purchase's quantity (a relationship page)": (
        "MATCH (c:Customer {id: $id})-[r:PURCHASED]->() WITH r LIMIT 1 SET r.quantity = r.quantity + 1",
        lambda: {"id": f"C{random.randint(1, customers)}"}),
    "SET a customer's age (a node page)": (
        "MATCH (c:Customer {id: $id}) SET c.age = c.age + 1", lambda: {"id": f"C{random.randint(1, customers)}"}),
    "CREATE a purchase (appends)": (
        "MATCH (c:Customer {id: $c}), (p:Product {id: $p}) CREATE (c)-[:PURCHASED {quantity: 1, timestamp: 0}]->(p)",
        lambda: {"c": f"C{random.randint(1, customers)}", "p": f"P{random.randint(1, products)}"}),
}
for n in range(rounds):
    for name, (statement, parameters) in statements.items():
        times = sorted(run(statement, parameters())[0] for _ in range(60))
        print(f"round {n}: {name}: p50 {statistics.median(times):.3f} ms, p90 {times[53]:.3f} ms")
