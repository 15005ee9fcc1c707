"""Checks the official Neo4j Python driver (PyPI `neo4j`) against Ignitabull's Bolt server.

usage: bolt_driver_check.py HOST:PORT [SERVER_PID]

Runs every check through both bolt:// and neo4j:// URLs and prints one line per check; exits 1 when any
fails. With SERVER_PID, the streaming check reports the server's peak resident memory from /proc.
"""
import datetime as dt
import os
import sys
import time

import pytz

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import ClientError, ConstraintError, CypherSyntaxError
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time

from peer_checks import check, expect, finish

address = sys.argv[1]
server_pid = sys.argv[2] if len(sys.argv) > 2 else None
rows_to_stream = int(os.environ.get("BOLT_STREAM_ROWS", "1000000"))


def rss_peak_kb():
    if not server_pid:
        return None
    with open(f"/proc/{server_pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:") or line.startswith("VmRSS:"):
                pass
        f.seek(0)
        fields = dict(line.split(":", 1) for line in f if ":" in line)
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def run_checks(scheme):
    uri = f"{scheme}://{address}"
    tag = scheme
    driver = GraphDatabase.driver(uri, auth=("neo4j", "any-password"))
    label = f"T_{scheme.replace('+', '_')}"

    def connectivity():
        driver.verify_connectivity()
        info = driver.get_server_info()
        return f"{info.agent}, Bolt {'.'.join(map(str, info.protocol_version))}"

    def execute_query():
        records, summary, keys = driver.execute_query("RETURN $x + 1 AS y", x=41, database_="neo4j")
        expect(keys == ["y"] and records[0]["y"] == 42, f"got {records}")
        expect(summary.query_type == "r", summary.query_type)
        expect(summary.result_available_after is not None and summary.result_consumed_after is not None, "timings")
        records, summary, _ = driver.execute_query(f"CREATE (n:{label} {{k: 1, name: 'a'}}) RETURN n")
        c = summary.counters
        expect(c.nodes_created == 1 and c.properties_set == 2 and c.labels_added == 1, str(c))
        expect(c.contains_updates and summary.query_type == "w", summary.query_type)
        return f"counters {c.nodes_created} node, {c.properties_set} properties"

    def auto_commit():
        with driver.session(database="neo4j") as s:
            result = s.run("UNWIND range(1, 2500) AS x RETURN x")
            total = sum(r["x"] for r in result)
            expect(total == 2500 * 2501 // 2, total)
            bookmarks = s.last_bookmarks()
        return f"2500 records in batches, bookmark {list(bookmarks.raw_values)[0] if bookmarks.raw_values else None}"

    def explicit_commit():
        with driver.session() as s:
            tx = s.begin_transaction()
            tx.run(f"CREATE (:{label} {{k: 2}})").consume()
            inside = tx.run(f"MATCH (n:{label} {{k: 2}}) RETURN count(n) AS c").single()["c"]
            tx.commit()
            after = s.run(f"MATCH (n:{label} {{k: 2}}) RETURN count(n) AS c").single()["c"]
        expect(inside == 1 and after == 1, (inside, after))

    def explicit_rollback():
        with driver.session() as s:
            tx = s.begin_transaction()
            tx.run(f"CREATE (:{label} {{k: 3}})").consume()
            tx.rollback()
            after = s.run(f"MATCH (n:{label} {{k: 3}}) RETURN count(n) AS c").single()["c"]
            tx2 = s.begin_transaction()
            tx2.run(f"CREATE (:{label} {{k: 4}})").consume()
            tx2.close()  # closing without commit rolls back
            after4 = s.run(f"MATCH (n:{label} {{k: 4}}) RETURN count(n) AS c").single()["c"]
        expect(after == 0 and after4 == 0, (after, after4))

    def managed():
        def write(tx, k):
            return tx.run(f"CREATE (n:{label} {{k: $k}}) RETURN n.k AS k", k=k).single()["k"]

        def read(tx):
            return tx.run(f"MATCH (n:{label}) WHERE n.k >= 5 RETURN collect(n.k) AS ks").single()["ks"]

        with driver.session() as s:
            expect(s.execute_write(write, 5) == 5, "write")
            expect(s.execute_write(write, 6) == 6, "write")
            ks = s.execute_read(read)
        expect(sorted(ks) == [5, 6], ks)

    def scalars():
        values = {
            "null": None, "t": True, "f": False, "tiny": 7, "neg": -17, "i8": -128, "i16": 32767, "i32": -2147483648,
            "i64": 9223372036854775807, "imin": -9223372036854775808, "float": 3.141592653589793, "neg0": -1e-300,
            "str": "héllo ✓ 𝄞", "empty": "", "long": "x" * 70000, "list": [1, "a", [2.5, None], True],
            "map": {"a": 1, "b": {"c": [1, 2]}}, "big": list(range(70000)),
        }
        with driver.session() as s:
            for k, v in values.items():
                got = s.run("RETURN $v AS v", v=v).single()["v"]
                expect(got == v and type(got) is type(v), f"{k}: sent {v!r:.60} got {got!r:.60}")
        return f"{len(values)} values"

    def temporals():
        # pytz zones: with zoneinfo zones, driver 6.4.1 on Python 3.11 packed the same value differently on
        # repeated runs and then crashed the Python process (seen with no server-side change), so pytz it is.
        stockholm = pytz.timezone("Europe/Stockholm")
        values = [
            Date(2024, 2, 29), Date(1, 1, 1), Time(12, 34, 56, 123456789), Time(23, 0, 0, tzinfo=pytz.FixedOffset(-300)),
            DateTime(2024, 6, 1, 12, 0, 0, 5), DateTime(2024, 6, 1, 12, 0, 0, 999999999, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            stockholm.localize(DateTime(2023, 11, 14, 23, 13, 20, 2)), stockholm.localize(DateTime(2023, 7, 1, 3, 0, 0)),
            Duration(months=14, days=3, seconds=7200, nanoseconds=5), dt.date(2020, 1, 1),
            pytz.timezone("America/New_York").localize(dt.datetime(2020, 1, 1, 10, 0)),
        ]
        with driver.session() as s:
            for v in values:
                got = s.run("RETURN $v AS v", v=v).single()["v"]
                expect(got == v, f"sent {v!r} got {got!r}")
            zoned = s.run("RETURN datetime('2024-01-15T08:30:00[Asia/Tokyo]') AS d").single()["d"]
            expect(zoned.tzinfo is not None and zoned.utcoffset() == dt.timedelta(hours=9), repr(zoned))
            text = s.run("RETURN toString($v) AS t", v=values[6]).single()["t"]
            expect(text == "2023-11-14T23:13:20.000000002+01:00[Europe/Stockholm]", text)
        return f"{len(values)} values and a zoned result"

    def graph_values():
        with driver.session() as s:
            s.run(f"MATCH (n:G_{label}) DETACH DELETE n").consume()
            rec = s.run(
                f"CREATE p = (a:G_{label}:Extra {{name: 'a', tags: ['x', 'y']}})-[r:LINK {{w: 0.5}}]->(b:G_{label} {{name: 'b'}}) "
                "RETURN a, r, b, p"
            ).single()
            a, r, b, p = rec["a"], rec["r"], rec["b"], rec["p"]
            expect(isinstance(a, Node) and set(a.labels) == {f"G_{label}", "Extra"} and dict(a) == {"name": "a", "tags": ["x", "y"]}, a)
            expect(a.element_id.startswith("4:ignitabull:"), a.element_id)
            expect(isinstance(r, Relationship) and r.type == "LINK" and r["w"] == 0.5, r)
            expect(r.element_id.startswith("5:ignitabull:"), r.element_id)
            expect(r.start_node.element_id == a.element_id and r.end_node.element_id == b.element_id, "endpoints")
            expect(isinstance(p, Path) and len(p) == 1 and p.start_node == a and p.end_node == b, p)
            back = s.run(f"MATCH p = (b:G_{label} {{name: 'b'}})<-[:LINK]-(a) RETURN p").single()["p"]
            expect(back.start_node["name"] == "b" and back.relationships[0].start_node["name"] == "a", "reverse path")
            # Look the node up again by its numeric id (the runtime's elementId() does not yet return the
            # element-id strings the HTTP API and Bolt send).
            again = s.run("MATCH (n) WHERE id(n) = $id RETURN n.name AS name", id=int(a.element_id.rsplit(":", 1)[1])).single()
            expect(again is not None and again["name"] == "a", "id lookup")
        return f"node {a.element_id}, relationship {r.element_id}"

    def errors():
        gql = ""
        with driver.session() as s:
            try:
                s.run("RETURN 1 +").consume()
                raise AssertionError("no error")
            except CypherSyntaxError as e:
                expect(e.code == "Neo.ClientError.Statement.SyntaxError", e.code)
                if driver.get_server_info().protocol_version >= (5, 7):
                    # Bolt 5.7+: a GQL status object; the class still comes from the Neo4j code.
                    expect(e.gql_status == "42001" and e.gql_classification.name == "CLIENT_ERROR", e.gql_status)
                    gql = f" (GQL {e.gql_status}, {e.gql_classification.name})"
            s.run(f"CREATE CONSTRAINT IF NOT EXISTS FOR (u:U_{label}) REQUIRE u.id IS UNIQUE").consume()
            s.run(f"MERGE (:U_{label} {{id: 'u1'}})").consume()
            try:
                s.run(f"CREATE (:U_{label} {{id: 'u1'}})").consume()
                raise AssertionError("no error")
            except ConstraintError as e:
                expect(e.code == "Neo.ClientError.Schema.ConstraintValidationFailed", e.code)
            try:
                s.run("RETURN $missing").consume()
                raise AssertionError("no error")
            except ClientError as e:
                expect(e.code == "Neo.ClientError.Statement.ParameterMissing", e.code)
            # The session still works after failures (RESET).
            expect(s.run("RETURN 1 AS x").single()["x"] == 1, "after errors")
            tx = s.begin_transaction()
            try:
                tx.run("RETURN 1 +").consume()
            except CypherSyntaxError:
                pass
            tx.close()
            expect(s.run("RETURN 2 AS x").single()["x"] == 2, "after a failed transaction")
        return f"CypherSyntaxError{gql}, ConstraintError, ClientError"

    def streaming():
        before = rss_peak_kb()
        start = time.perf_counter()
        first_at = None
        n = 0
        largest = before[0] if before else 0
        with driver.session(fetch_size=1000) as s:
            for rec in s.run("UNWIND range(1, $n) AS x RETURN x", n=rows_to_stream):
                if first_at is None:
                    first_at = time.perf_counter() - start
                n += 1
                if before and n % 50_000 == 0:
                    largest = max(largest, rss_peak_kb()[0])
        took = time.perf_counter() - start
        expect(n == rows_to_stream, n)
        # Streamed, not materialised: the first record comes long before the last, and the server's
        # resident memory sampled every 50,000 rows grows by less than 64 MB (a million rows held at
        # once would take well over that).
        expect(first_at < took / 4, f"first record after {first_at:.2f} s of {took:.2f} s")
        after = rss_peak_kb()
        if before:
            expect((largest - before[0]) < 64 * 1024, f"server RSS grew {(largest - before[0]) // 1024} MB while streaming")
        mem = (f", server RSS {before[0] // 1024} MB before, at most {largest // 1024} MB while streaming,"
               f" lifetime peak {after[1] // 1024} MB") if before else ""
        return f"{n} rows in {took:.1f} s ({n / took:,.0f} rows/s), first record after {first_at:.2f} s{mem}"

    check(f"{tag} connect", connectivity)
    check(f"{tag} execute_query", execute_query)
    check(f"{tag} session auto-commit", auto_commit)
    check(f"{tag} explicit transaction commit", explicit_commit)
    check(f"{tag} explicit transaction rollback", explicit_rollback)
    check(f"{tag} execute_read/execute_write", managed)
    check(f"{tag} scalar parameters round-trip", scalars)
    check(f"{tag} temporal parameters round-trip", temporals)
    check(f"{tag} nodes, relationships, paths", graph_values)
    check(f"{tag} error classes", errors)
    if scheme == "bolt" and rows_to_stream > 0:
        check(f"{tag} streaming read", streaming)
    driver.close()


from neo4j._codec.packstream import v1 as _packstream_v1

codec = "Rust (neo4j-rust-ext)" if _packstream_v1._rust_unpack is not None else "Python"
if os.environ.get("BOLT_CODEC") == "rust" and _packstream_v1._rust_unpack is None:
    sys.exit("BOLT_CODEC=rust but the driver did not load neo4j-rust-ext")
print(f"neo4j driver {neo4j.__version__} ({codec} PackStream codec) against {address}")
for scheme in ["bolt", "neo4j"]:
    run_checks(scheme)
finish()
