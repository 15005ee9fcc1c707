import CypherSyntax
import Testing

/// Queries of the kind the engine and its users send (recommendations, imports, vector search); they must compile.
@Suite struct EngineQueryTests {
    @Test(arguments: [
        """
        MATCH (c:Customer {id: $cid})-[:PURCHASED]->(p:Product)<-[:PURCHASED]-(other:Customer)-[:PURCHASED]->(rec:Product)
        WHERE NOT (c)-[:PURCHASED]->(rec) AND rec <> p
        RETURN rec.id, count(*) AS score ORDER BY score DESC LIMIT 10
        """,
        """
        CALL db.index.vector.queryNodes('products', 10, $embedding) YIELD node, score
        WITH node, score MATCH (node)<-[:PURCHASED]-(c)
        RETURN node.id, score, count(c) AS buyers ORDER BY score DESC
        """,
        "UNWIND $rows AS row MERGE (p:Product {id: row.id}) ON CREATE SET p.created = timestamp() SET p += row.props",
        "MATCH (n) RETURN labels(n) AS l, count(*) AS c",
        "MATCH (a)-[r]->(b) RETURN type(r), count(*)",
        "MATCH (p:Product) WHERE p.price > 10 AND p.name STARTS WITH 'A' RETURN p ORDER BY p.price DESC SKIP 5 LIMIT 5",
        "MATCH (n) WITH n ORDER BY n.x LIMIT 10 RETURN collect(n.x) AS xs",
        "MATCH (n) RETURN DISTINCT n.category AS cat ORDER BY cat",
        "MATCH (n:Product) RETURN n.category AS c, avg(n.price) ORDER BY avg(n.price) DESC",
        "MATCH p = (a)-[*1..3]->(b) RETURN length(p), nodes(p), relationships(p)",
        "MATCH (a:Product)-[r:BOUGHT_WITH]-(b) WHERE r.support > 0.1 RETURN a, b, r.support ORDER BY r.support DESC",
        "MATCH (n) WHERE n.id IN $ids AND id(n) >= 0 RETURN n, elementId(n)",
        "MATCH (n) RETURN count(DISTINCT n.x)",
        "OPTIONAL MATCH (n:X) RETURN n IS NULL AS missing",
        "MATCH (a), (b) WHERE a <> b MERGE (a)-[:R]->(b)",
        "MATCH (u:User)-[:RATED]->(m) WITH u, collect(m) AS ms WHERE size(ms) > 2 RETURN u.name, ms",
        "MATCH (n) RETURN n.a + n.b AS s, count(*) ORDER BY s",
        "MATCH (n) RETURN {name: n.name, tags: [t IN n.tags WHERE t <> '']} AS m",
        "MATCH (n) RETURN CASE WHEN n.x > 1 THEN 'big' ELSE 'small' END AS size, count(*)",
        "MATCH (n) WITH n.cat AS cat, collect(n)[..3] AS top RETURN cat, top",
        "MATCH (n) RETURN coalesce(n.x, 0) AS x, toFloat(n.x) / 2.0 AS half",
        "RETURN datetime().epochMillis, date('2020-01-01').year, duration.between(date(), date()).days",
        "MATCH (n:Person) WHERE n.name =~ '(?i)a.*' RETURN n",
        "MATCH (n) CALL { WITH n MATCH (n)-->(m) RETURN count(m) AS deg } RETURN n, deg",
        "MATCH (n) WITH n, size([(n)-->() | 1]) AS deg RETURN n, deg ORDER BY deg DESC, n.name",
        "MATCH (n) DETACH DELETE n",
        "MATCH (n) SET n.embedding = $v, n:Indexed REMOVE n:Stale",
        "FOREACH (x IN range(1, 3) | CREATE (:N {v: x}))",
        "MATCH (a:Item) RETURN a.id AS id ORDER BY a.rank",
        "CREATE CONSTRAINT item_id IF NOT EXISTS FOR (i:Item) REQUIRE i.id IS UNIQUE",
        "SHOW INDEXES",
    ])
    func compiles(_ text: String) {
        #expect(throws: Never.self) { try SemanticChecker.compile(text) }
    }
}
