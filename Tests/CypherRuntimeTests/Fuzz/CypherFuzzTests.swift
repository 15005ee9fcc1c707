import CypherSyntax
import GraphStore
import Testing
import TestSupport

@testable import CypherRuntime

/// Mutated Cypher through the parser, the checker and the executor: every input ends in a result or a
/// clean error; syntax errors carry a line, column and offset inside the text. A short seeded run here;
/// `IGNITABULL_FUZZ_SECONDS=1800 swift test --filter CypherFuzzTests` for a long one.
@Suite struct CypherFuzzTests {
    static let corpus = [
        "MATCH (n:Person {name: 'Ada'})-[:KNOWS*1..3]->(m) WHERE m.age > 30 RETURN m.name AS name ORDER BY name LIMIT 5",
        "UNWIND range(1, 10) AS i WITH i, i * i AS sq WHERE sq % 2 = 0 RETURN collect(sq) AS squares",
        "CREATE (a:A {x: 1})-[:R {w: 2.5}]->(b:B {y: 'z'}) RETURN a, b",
        "MERGE (n:User {id: $id}) ON CREATE SET n.created = 1 ON MATCH SET n.seen = coalesce(n.seen, 0) + 1 RETURN n",
        "MATCH (a)-[r]->(b) DELETE r WITH a MATCH (a) DETACH DELETE a",
        "RETURN reduce(s = '', x IN ['a', 'b', 'c'] | s + x) AS s, [x IN range(0, 5) WHERE x > 2 | x ^ 2] AS l",
        "WITH {a: 1, b: [1, 2, {c: null}]} AS m RETURN m.b[2].c, keys(m), size(m.b), m['a']",
        "MATCH p = shortestPath((a)-[*]-(b)) RETURN length(p)",
        "RETURN 'abc' =~ 'a.c' AS r, 'x' STARTS WITH '' AS s, toUpper('é') AS u, substring('hello', 1, 3) AS sub",
        "MATCH (n) WHERE n:A OR n:B AND NOT exists { (n)-->() } RETURN count(*) AS c",
        "OPTIONAL MATCH (n:Missing) RETURN n, CASE WHEN n IS NULL THEN 'none' ELSE n.name END AS v",
        "RETURN date('2024-02-29') + duration('P1Y') AS d, datetime({year: 2020, month: 1, day: 1, timezone: 'Europe/Paris'}) AS t",
        "CALL db.labels() YIELD label RETURN label",
        "MATCH (n) RETURN n.x AS x UNION ALL MATCH (m) RETURN m.y AS x",
        "FOREACH (i IN range(1, 3) | CREATE (:F {i: i}))",
        "CREATE CONSTRAINT c IF NOT EXISTS FOR (n:U) REQUIRE n.id IS UNIQUE",
        "EXPLAIN MATCH (a:A)-[:R]->(b) RETURN count(*)",
        "RETURN 9223372036854775807 + 1, -9223372036854775808, 1.0 / 0, 0x7FFF, 1e308 * 10, 'a\\u0041\\n'",
        "MATCH (n) SET n += {a: 1}, n:Extra REMOVE n.b RETURN properties(n)",
        "RETURN all(x IN [1, 2] WHERE x > 0), any(x IN [] WHERE true), none(x IN [null] WHERE x), single(x IN [1] WHERE x = 1)",
        "/* comment */ MATCH (`weird name`:`Label with space`) // trailing\nRETURN `weird name`",
        "RETURN [1, 2, 3][1..], [1, 2, 3][-1], {a: 1}.a, size('text'), reverse([1, 2]), split('a,b', ',')",
        "MATCH (a:A) WITH a ORDER BY a.x DESC SKIP 1 LIMIT 2 RETURN a.x, count { (a)--() } AS degree",
        "RETURN toInteger('12'), toFloat('1.5'), toBoolean('true'), toString(1.0), round(2.5), sqrt(-1), log(0)",
    ]

    static let dictionary = [
        "MATCH ", "RETURN ", "WITH ", "WHERE ", "UNWIND ", "CREATE ", "MERGE ", "DELETE ", "SET ", "REMOVE ",
        "OPTIONAL ", "ORDER BY ", "SKIP ", "LIMIT ", "UNION ", "CALL ", "YIELD ", "EXISTS ", "CASE ", "WHEN ", "THEN ",
        "ELSE ", "END", " AND ", " OR ", " XOR ", " NOT ", " IN ", " IS NULL", " =~ ", "(", ")", "[", "]", "{", "}",
        "-[", "]->", "<-", "-->", "*", "*1..", "..", ":", ",", ".", "|", "$p", "'", "\"", "`", "\\", "0", "-1",
        "9223372036854775807", "1e309", "null", "true", "n", "range(1, 100000)", "reduce(", "size(", "collect(",
        "count(*)", "DISTINCT ", "AS ", "//", "/*", "*/", "\n", "\u{0}", "é", "😀", "0x", "1.", ".5", "<>", ">=", "+=",
    ]

    static func base() throws -> GraphStore {
        let s = GraphStore()
        _ = try CypherEngine.execute(
            "CREATE (:Person:A {name: 'Ada', age: 36, x: 1})-[:KNOWS {w: 1}]->(:Person:B {name: 'Bo', age: 40, y: 'z'})"
                + "-[:R]->(:A {x: 2})", on: s)
        return s
    }

    static func check(_ input: [UInt8], base: GraphSnapshot) -> Fuzzer.Outcome {
        let text = String(decoding: input, as: UTF8.self)
        do {
            _ = try CypherEngine.execute(
                text, parameters: ["p": .int(1), "id": .int(7)], on: GraphStore(base),
                limits: QueryLimits(budget: 20_000, timeLimit: .seconds(1), memoryBytes: 16 << 20))
            return .accepted
        } catch let e as CypherSyntaxError {
            let at = e.location.start
            let length = text.unicodeScalars.count
            guard at.line >= 1, at.column >= 1, at.offset >= 0, at.offset <= length else {
                return .finding("syntax error without a position in the text (\(at.line):\(at.column) @\(at.offset))")
            }
            return .rejected("syntax \(e.code)")
        } catch let e as CypherRuntimeError {
            return .rejected("runtime \(e.code)")
        } catch {
            return .rejected("other \(Fuzzer.kind("\(error)"))")
        }
    }

    @Test func seededRun() throws {
        let snapshot = try Self.base().snapshot
        var fuzzer = Fuzzer(name: "cypher", corpus: Self.corpus, dictionary: Self.dictionary)
        let report = fuzzer.run(executions: 3_000) { Self.check($0, base: snapshot) }
        print(report)
        #expect(report.findings.isEmpty, "\(report)")
        #expect(report.accepted > 0 && report.rejected > 0)
    }
}
