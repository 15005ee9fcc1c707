import CypherSyntax
import Testing

@Suite struct SemanticCheckerTests {
    func code(_ text: String) -> CypherSyntaxError.Code? {
        do {
            _ = try SemanticChecker.compile(text)
            return nil
        } catch {
            return error.code
        }
    }

    @Test(arguments: [
        "MATCH (n) RETURN n.name, count(*) ORDER BY count(*) DESC",
        "UNWIND $rels AS r MATCH (c:Customer {id: r.from}) MATCH (p:Product {id: r.to}) MERGE (c)-[e:PURCHASED]->(p) SET e += r.props",
        "MATCH p = shortestPath((a)-[*]-(b)) RETURN p",
        "MERGE (n:Product {id: $id}) ON CREATE SET n.created = timestamp() RETURN n",
        "MATCH (n) WITH n, count(*) AS c WHERE c > 1 RETURN n ORDER BY n.name SKIP 1 LIMIT $k",
        "CALL { MATCH (n) RETURN n } RETURN n",
        "OPTIONAL MATCH (n)-[:R]->(m) RETURN n, collect(m) AS ms",
        "RETURN [x IN range(1, 10) WHERE x % 2 = 0 | x * 2], reduce(s = 0, x IN [1, 2, 3] | s + x)",
        "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) } AND (n)-->() RETURN n {.name, .age}, COUNT { (n)-->() } AS c",
        "CALL db.index.vector.queryNodes('idx', 10, $v) YIELD node, score RETURN node.name, score",
        "MATCH (a) RETURN a.x AS x, count(*) AS c ORDER BY a.x",
        "CREATE (a:A)-[:R]->(b:B), (b)-[:S]->(a) RETURN a, b",
        "WITH 1 AS x RETURN *",
    ])
    func acceptsValidQueries(_ text: String) {
        #expect(code(text) == nil)
    }

    @Test(arguments: [
        ("MATCH (n) RETURN m", "UndefinedVariable"),
        ("MATCH (a) CREATE (a)", "VariableAlreadyBound"),
        ("MATCH ()-[r]-(r) RETURN r", "VariableTypeConflict"),
        ("MATCH (a)-[r]->()-[r]->(a) RETURN r", "RelationshipUniquenessViolation"),
        ("MATCH () RETURN *", "NoVariablesInScope"),
        ("MATCH (a) WITH a.x RETURN 1", "NoExpressionAlias"),
        ("RETURN 1 AS a, 2 AS a", "ColumnNameConflict"),
        ("RETURN count(count(*))", "NestedAggregation"),
        ("MATCH (a) WHERE count(a) > 1 RETURN a", "InvalidAggregation"),
        ("MATCH (a)--(b) RETURN a.x + count(b)", "AmbiguousAggregationExpression"),
        ("RETURN 1 AND true", "InvalidArgumentType"),
        ("MATCH (n) RETURN n SKIP n.x", "NonConstantExpression"),
        ("MATCH (n) RETURN n LIMIT -1", "NegativeIntegerArgument"),
        ("MATCH (n $p) RETURN n", "InvalidParameterUse"),
        ("CREATE ()-[:A|B]->()", "NoSingleRelationshipType"),
        ("CREATE ()-[:A]-()", "RequiresDirectedRelationship"),
        ("CREATE ()-[:A*2]->()", "CreatingVarLength"),
        ("MATCH (n) DELETE n:L", "InvalidDelete"),
        ("RETURN 1 AS a UNION RETURN 2 AS b", "DifferentColumnsInUnion"),
        ("RETURN 1 AS a UNION RETURN 2 AS a UNION ALL RETURN 3 AS a", "InvalidClauseComposition"),
        ("RETURN foo(1)", "UnknownFunction"),
        ("MATCH (n) RETURN (n)-->()", "UnexpectedSyntax"),
        ("RETURN 0x1G", "InvalidNumberLiteral"),
        ("RETURN 9223372036854775808", "IntegerOverflow"),
        ("RETURN 1e400", "FloatingPointOverflow"),
        ("MATCH (a)-[:T..]->(b) RETURN b", "InvalidRelationshipPattern"),
    ])
    func reportsTCKCodes(_ text: String, _ expected: String) {
        #expect(code(text)?.name == expected, "\(text)")
    }

    @Test func proceduresAndParametersWhenKnown() throws {
        let signature = SemanticChecker.ProcedureSignature(inputs: [("in", .integer)], outputs: [("out", .string)])
        let procedures = ["test.proc": signature]
        func code(_ text: String, parameters: Set<String>? = nil) -> String? {
            do {
                _ = try SemanticChecker.compile(text, procedures: procedures, parameters: parameters)
                return nil
            } catch {
                return "\(error.classification).\(error.code)"
            }
        }
        #expect(code("CALL test.proc(1) YIELD out RETURN out") == nil)
        #expect(code("CALL other.proc()") == "ProcedureError.ProcedureNotFound")
        #expect(code("CALL test.proc(1, 2)") == "SyntaxError.InvalidNumberOfArguments")
        #expect(code("CALL test.proc(true)") == "SyntaxError.InvalidArgumentType")
        #expect(code("CALL test.proc YIELD out RETURN out") == "SyntaxError.InvalidArgumentPassingMode")
        #expect(code("CALL test.proc", parameters: []) == "ParameterMissing.MissingParameter")
        #expect(code("CALL test.proc", parameters: ["in"]) == nil)
        let checker = SemanticChecker(procedures: procedures)
        #expect(try checker.check(Parser.parse("CALL test.proc(1)")) == ["out"])
        #expect(try checker.check(Parser.parse("CALL test.proc(1) YIELD *")) == ["out"])
        #expect(try checker.check(Parser.parse("CALL test.proc(1) YIELD out AS o")) == ["o"])
        #expect(try checker.check(Parser.parse("MATCH (b), (a) RETURN *")) == ["a", "b"])
        #expect(try checker.check(Parser.parse("RETURN 1 + 2, 3 AS x")) == ["1 + 2", "x"])
    }
}
