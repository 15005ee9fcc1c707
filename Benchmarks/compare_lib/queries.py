"""The graph workloads as each system's users write them: Cypher for the graph databases (Kuzu and LadybugDB
spell the anti-pattern `NOT EXISTS { MATCH … }`), SQL for PostgreSQL. Every answer is ordered by score, then
id, so that systems agree on order too; the checker still treats ties at the 10th place as equal.

- copurchase: customers who bought what this customer bought also bought … (paths counted, owned excluded)
- fbw: a product's ten strongest FREQUENTLY_BOUGHT_WITH pairs
- floor: a constant row, the cost of the client path alone (round trip, parse, plan)
- personal: a customer's personalised top-10: FREQUENTLY_BOUGHT_WITH support summed over their purchases,
  owned products excluded
- lookup: a customer by its key
- recent: a customer's five latest purchases (a one-hop expand ordered by a relationship property)
- buyers: how many purchases a product has (a one-hop count)
- count: all PURCHASED relationships (a count by type; the parameter only varies the answer's id)
"""

CYPHER = {
    "floor": "RETURN $id AS id, 0 AS score",
    "copurchase": """
MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(o:Customer)-[:PURCHASED]->(rec:Product)
WHERE NOT (c)-[:PURCHASED]->(rec)
RETURN rec.id AS id, count(*) AS score ORDER BY score DESC, id LIMIT 10""",
    "fbw": """
MATCH (p:Product {id: $id})-[f:FREQUENTLY_BOUGHT_WITH]->(q:Product)
RETURN q.id AS id, f.support AS score ORDER BY score DESC, id LIMIT 10""",
    "personal": """
MATCH (c:Customer {id: $id})-[:PURCHASED]->(p:Product)-[f:FREQUENTLY_BOUGHT_WITH]->(rec:Product)
WHERE NOT (c)-[:PURCHASED]->(rec)
RETURN rec.id AS id, sum(f.support) AS score ORDER BY score DESC, id LIMIT 10""",
    "lookup": "MATCH (c:Customer {id: $id}) RETURN c.id AS id, 1 AS score",
    "recent": """
MATCH (c:Customer {id: $id})-[r:PURCHASED]->(p:Product)
RETURN p.id AS id, r.timestamp AS score ORDER BY score DESC, id LIMIT 5""",
    "buyers": "MATCH (p:Product {id: $id})<-[:PURCHASED]-(c:Customer) RETURN $id AS id, count(*) AS score",
    "count": "MATCH ()-[r:PURCHASED]->() RETURN $id AS id, count(r) AS score",
}

CYPHER_WRITE = """
MATCH (c:Customer {id: $c}), (p:Product {id: $p})
CREATE (c)-[:PURCHASED {quantity: 1, timestamp: 0}]->(p)"""

EXISTS_SUBQUERY = "WHERE NOT EXISTS { MATCH (c)-[:PURCHASED]->(rec) }"


def cypher_for(workload, subquery_anti_pattern=False):
    text = CYPHER[workload]
    if subquery_anti_pattern:
        text = text.replace("WHERE NOT (c)-[:PURCHASED]->(rec)", EXISTS_SUBQUERY)
    return text.strip()


# PostgreSQL: purchased(rid serial, customer, product, quantity, ts), fbw(a, b, support). The co-purchase join
# keeps Cypher's rule that one path uses a relationship once (rid <>).
SQL = {
    "floor": "SELECT %(id)s::text AS id, 0 AS score",
    "copurchase": """
SELECT r.product AS id, count(*) AS score
FROM purchased a
JOIN purchased b ON b.product = a.product AND b.rid <> a.rid
JOIN purchased r ON r.customer = b.customer AND r.rid <> b.rid
WHERE a.customer = %(id)s
  AND NOT EXISTS (SELECT 1 FROM purchased x WHERE x.customer = a.customer AND x.product = r.product)
GROUP BY r.product ORDER BY score DESC, id LIMIT 10""",
    "fbw": "SELECT b AS id, support AS score FROM fbw WHERE a = %(id)s ORDER BY score DESC, id LIMIT 10",
    "personal": """
SELECT f.b AS id, sum(f.support) AS score
FROM purchased a JOIN fbw f ON f.a = a.product
WHERE a.customer = %(id)s
  AND NOT EXISTS (SELECT 1 FROM purchased x WHERE x.customer = a.customer AND x.product = f.b)
GROUP BY f.b ORDER BY score DESC, id LIMIT 10""",
    "lookup": "SELECT id, 1 AS score FROM customers WHERE id = %(id)s",
    "recent": "SELECT product AS id, ts AS score FROM purchased WHERE customer = %(id)s ORDER BY score DESC, id LIMIT 5",
    "buyers": "SELECT %(id)s::text AS id, count(*) AS score FROM purchased WHERE product = %(id)s",
    "count": "SELECT %(id)s::text AS id, count(*) AS score FROM purchased",
}

SQL_WRITE = "INSERT INTO purchased (customer, product, quantity, ts) VALUES (%(c)s, %(p)s, 1, 0)"

# Which parameter sample each workload takes.
PARAM = {"floor": "customers", "copurchase": "customers", "fbw": "products", "personal": "customers",
         "lookup": "customers", "recent": "customers", "buyers": "products", "count": "customers"}
