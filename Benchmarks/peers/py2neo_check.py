"""Drives a running Ignitabull server with py2neo 2021.2.4 (a Neo4j HTTP client nobody here wrote)
over an http:// URI: reads, writes, a transaction that commits and one that rolls back, py2neo's schema
calls, 8 concurrent writers, and (when the server holds the demo graph) relationship and path returns timed.

usage: python py2neo_check.py http://127.0.0.1:7474
Exits non-zero on the first wrong answer.
"""
import sys
import uuid

from py2neo import Graph, Node, Relationship
from py2neo.errors import ClientError


def check(label, got, want):
    status = "ok " if got == want else "FAIL"
    print(f"{status} {label}: {got!r}" + ("" if got == want else f" (want {want!r})"))
    if got != want:
        sys.exit(1)


def main(uri):
    run = uuid.uuid4().hex[:8]  # keeps reruns against one server apart
    tag = f"P2N_{run}"

    # With a database name (Neo4j 4+ paths, /db/neo4j/tx...).
    # Timed first: the writes below make the server rebuild its recommender in the background.
    timed_returns(uri)
    graph = Graph(uri, name="neo4j")
    check("RETURN 1", graph.evaluate("RETURN 1"), 1)
    check("parameters", graph.run("RETURN $x + 1 AS y, $s AS s", x=41, s="é").data(), [{"y": 42, "s": "é"}])

    # Writes through Cypher.
    graph.run(f"CREATE (:{tag} {{name: 'alice', age: 42}}), (:{tag} {{name: 'bob', age: 7}})")
    rows = graph.run(f"MATCH (p:{tag}) RETURN p.name AS name, p.age AS age ORDER BY name").data()
    check("created nodes read back", rows, [{"name": "alice", "age": 42}, {"name": "bob", "age": 7}])

    # Nodes come back as py2neo Node objects (REST format), with labels and properties.
    node = graph.evaluate(f"MATCH (p:{tag} {{name: 'alice'}}) RETURN p")
    check("node labels", set(node.labels), {tag})
    check("node properties", dict(node), {"name": "alice", "age": 42})

    # A relationship and a path.
    graph.run(f"MATCH (a:{tag} {{name: 'alice'}}), (b:{tag} {{name: 'bob'}}) CREATE (a)-[:KNOWS {{since: 2020}}]->(b)")
    rel = graph.evaluate(f"MATCH (:{tag})-[r:KNOWS]->(:{tag}) RETURN r")
    check("relationship type", type(rel).__name__, "KNOWS")
    check("relationship properties", dict(rel), {"since": 2020})
    check("relationship ends", (rel.start_node["name"], rel.end_node["name"]), ("alice", "bob"))
    path = graph.evaluate(f"MATCH p = (:{tag} {{name: 'alice'}})-[:KNOWS]->(:{tag}) RETURN p")
    check("path length", len(path), 1)

    # Statistics.
    stats = graph.run(f"CREATE (:{tag} {{name: 'carol'}})").stats()
    check("stats nodes_created", stats["nodes_created"], 1)

    # py2neo's own object API: create a subgraph, then match it.
    dave = Node(tag, name="dave")
    erin = Node(tag, name="erin")
    graph.create(Relationship(dave, "LIKES", erin))
    check("graph.create bound the node", dave.identity is not None, True)
    check("graph.create read back",
          graph.run(f"MATCH (:{tag} {{name: 'dave'}})-[:LIKES]->(e:{tag}) RETURN e.name AS n").data(), [{"n": "erin"}])
    check("nodes.match", sorted(n["name"] for n in graph.nodes.match(tag)), ["alice", "bob", "carol", "dave", "erin"])

    # An explicit transaction that commits.
    tx = graph.begin()
    tx.run(f"CREATE (:{tag} {{name: 'in-tx'}})")
    inside = tx.evaluate(f"MATCH (p:{tag} {{name: 'in-tx'}}) RETURN count(p)")
    check("transaction sees its own write", inside, 1)
    check("others do not see it yet", graph.evaluate(f"MATCH (p:{tag} {{name: 'in-tx'}}) RETURN count(p)"), 0)
    graph.commit(tx)
    check("committed write is visible", graph.evaluate(f"MATCH (p:{tag} {{name: 'in-tx'}}) RETURN count(p)"), 1)

    # One that rolls back.
    tx = graph.begin()
    tx.run(f"CREATE (:{tag} {{name: 'rolled-back'}})")
    graph.rollback(tx)
    check("rolled-back write is gone", graph.evaluate(f"MATCH (p:{tag} {{name: 'rolled-back'}}) RETURN count(p)"), 0)

    # A Cypher error arrives as py2neo's ClientError with Neo4j's code.
    try:
        graph.run("RETRUN 1")
        check("syntax error raised", False, True)
    except ClientError as e:
        check("syntax error code", e.code, "Neo.ClientError.Statement.SyntaxError")

    # Without a database name py2neo uses the Neo4j 3 paths (/db/data/transaction...).
    legacy = Graph(uri)
    check("default-database paths", legacy.evaluate(f"MATCH (p:{tag}) RETURN count(p)"), 6)

    graph.run(f"MATCH (p:{tag}) DETACH DELETE p")
    check("cleaned up", graph.evaluate(f"MATCH (p:{tag}) RETURN count(p)"), 0)
    concurrent_writers(uri, f"{tag}C")
    schema_calls(uri, f"{tag}S")
    print("py2neo: all checks passed")


def concurrent_writers(uri, tag, clients=8, rounds=25):
    """8 clients at once, each with py2neo's create and merge (explicit transactions) on its own nodes:
    disjoint data, so no write may fail with Neo.TransientError.Transaction.Outdated (or anything else)."""
    import threading
    import time

    failures = []

    def client(k):
        g = Graph(uri, name="neo4j")
        try:
            for i in range(rounds):
                a = Node(tag, key=f"{k}-{i}-a", kind="created")
                g.create(a)
                b = Node(tag, key=f"{k}-{i}-b", kind="merged")
                g.merge(b, tag, "key")
                g.create(Relationship(a, "NEXT", b))
        except Exception as e:  # noqa: BLE001 - every failure is reported
            failures.append(f"client {k}: {type(e).__name__}: {e}")

    start = time.monotonic()
    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - start
    check(f"{clients} concurrent py2neo writers: failures", failures, [])
    g = Graph(uri, name="neo4j")
    check("concurrent writers: nodes", g.evaluate(f"MATCH (p:{tag}) RETURN count(p)"), clients * rounds * 2)
    check("concurrent writers: relationships", g.evaluate(f"MATCH (:{tag})-[r:NEXT]->(:{tag}) RETURN count(r)"), clients * rounds)
    print(f"    {clients} clients x {rounds} rounds of create, merge and create-relationship in {seconds:.2f} s")
    g.run(f"MATCH (p:{tag}) DETACH DELETE p")


def schema_calls(uri, tag):
    """py2neo's schema API: labels and types (db.labels(), db.relationshipTypes()), then an index and a
    uniqueness constraint created, listed and dropped through it."""
    g = Graph(uri, name="neo4j")
    g.run(f"CREATE (:{tag} {{name: 'x'}})-[:{tag}_REL]->(:{tag} {{name: 'y'}})")
    check("schema.node_labels has the label", tag in g.schema.node_labels, True)
    check("schema.relationship_types has the type", f"{tag}_REL" in g.schema.relationship_types, True)
    g.schema.create_index(tag, "name")
    check("schema.get_indexes after create_index", [tuple(i) for i in g.schema.get_indexes(tag)], [("name",)])
    g.schema.drop_index(tag, "name")
    check("schema.get_indexes after drop_index", list(g.schema.get_indexes(tag)), [])
    g.schema.create_uniqueness_constraint(tag, "name")
    check("schema.get_uniqueness_constraints", [tuple(c) if isinstance(c, (list, tuple)) else (c,)
                                                 for c in g.schema.get_uniqueness_constraints(tag)], [("name",)])
    try:
        g.run(f"CREATE (:{tag} {{name: 'x'}})")
        check("duplicate refused by the constraint", False, True)
    except ClientError as e:
        check("duplicate refused by the constraint", e.code, "Neo.ClientError.Schema.ConstraintValidationFailed")
    g.schema.drop_uniqueness_constraint(tag, "name")
    check("constraint dropped", list(g.schema.get_uniqueness_constraints(tag)), [])
    g.run(f"MATCH (p:{tag}) DETACH DELETE p")


def timed_returns(uri, runs=30):
    """On the demo graph (Customer-[:PURCHASED]->Product), a relationship and a path returned through
    py2neo, which fetches them by id (MATCH ()-[r]->() WHERE id(r) IN $ids): the median must be under 10 ms for a
    relationship, and per py2neo transaction for paths. Over HTTP py2neo gets a path as URIs only, so it then fetches the relationships' types and
    each node's labels, one transaction (four requests) each: the path's figure is also reported per request."""
    import statistics
    import time
    from py2neo.client.http import HTTP

    posts = [0]
    original = HTTP._post

    def counted(self, *args, **kwargs):
        posts[0] += 1
        return original(self, *args, **kwargs)

    HTTP._post = counted
    g = Graph(uri, name="neo4j")
    if not g.evaluate("MATCH (:Customer)-[r:PURCHASED]->(:Product) RETURN count(r) > 0"):
        print("    (no demo graph on this server: relationship and path timings not taken)")
        return
    for label, query in [
        ("relationship return", "MATCH (:Customer)-[r:PURCHASED]->(:Product) RETURN r LIMIT 1"),
        ("path return", "MATCH p = (:Customer)-[:PURCHASED]->(:Product) RETURN p LIMIT 1"),
        ("Browser's default, 25 paths", "MATCH p=()-->() RETURN p LIMIT 25"),
    ]:
        times = []
        posts[0] = 0
        for i in range(runs):
            start = time.perf_counter()
            value = g.run(query).data() if "25" in label else g.evaluate(query)
            times.append((time.perf_counter() - start) * 1000)
            if i == 0:
                check(f"{label} returned", value is not None and value != [], True)
        median = statistics.median(times)
        requests = posts[0] / runs
        print(f"    {label}: median {median:.2f} ms, max {max(times):.2f} ms over {runs} runs; "
              f"{requests:.0f} HTTP requests each, {median / requests:.2f} ms per request")
        if label == "relationship return":
            check(f"{label}: median under 10 ms", median < 10, True)
        else:
            # Every node and relationship of a path is fetched again by py2neo (against Neo4j as well): the
            # bound is per py2neo transaction (BEGIN, two statements, COMMIT).
            check(f"{label}: median under 10 ms per py2neo transaction", median / requests * 4 < 10, True)
    HTTP._post = original


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:7474")
