import CypherSyntax
import Testing

@Suite struct ParserTests {
    func query(_ text: String) throws -> Query {
        guard case .query(let query) = try Parser.parse(text).kind else {
            Issue.record("not a query")
            throw CypherSyntaxError(.unexpectedSyntax, "not a query", at: .none)
        }
        return query
    }

    func expression(_ text: String) throws -> Expression {
        let q = try query("RETURN " + text)
        guard case .return(let projection) = q.parts[0].clauses[0].kind else {
            throw CypherSyntaxError(.unexpectedSyntax, "", at: .none)
        }
        return projection.items[0].expression
    }

    @Test func matchPatterns() throws {
        let q = try query("MATCH p = (a:A:B {x: 1})-[r:T|U*1..3]->(b)<-[:S]-(c), (d) WHERE a.x > 1 RETURN p")
        guard case .match(let match) = q.parts[0].clauses[0].kind else { Issue.record("no match"); return }
        let part = match.pattern.parts[0]
        #expect(part.variable == "p")
        #expect(part.element.start.labels == ["A", "B"])
        #expect(part.element.chain[0].relationship.types == ["T", "U"])
        #expect(part.element.chain[0].relationship.length == VariableLength(minimum: 1, maximum: 3))
        #expect(part.element.chain[0].relationship.direction == .outgoing)
        #expect(part.element.chain[1].relationship.direction == .incoming)
        #expect(match.pattern.parts.count == 2)
        #expect(match.whereClause != nil)
    }

    @Test func variableLengthForms() throws {
        for (text, minimum, maximum) in [("*", nil, nil), ("*2", 2, 2), ("*..3", nil, 3), ("*2..", 2, nil)]
            as [(String, Int64?, Int64?)]
        {
            let q = try query("MATCH (a)-[\(text)]-(b) RETURN a")
            guard case .match(let m) = q.parts[0].clauses[0].kind else { return }
            let rel = m.pattern.parts[0].element.chain[0].relationship
            #expect(rel.length == VariableLength(minimum: minimum, maximum: maximum))
            #expect(rel.direction == .both)
        }
    }

    @Test func precedence() throws {
        // OR binds loosest, then XOR, AND, NOT, comparison, +, *, ^.
        let e = try expression("a OR b AND NOT c = 1 + 2 * 3 ^ 2")
        guard case .binary(.or, _, let rhs) = e.kind, case .binary(.and, _, let not) = rhs.kind,
            case .unary(.not, let cmp) = not.kind, case .comparison(_, let links) = cmp.kind,
            case .binary(.add, _, let mul) = links[0].rhs.kind, case .binary(.multiply, _, let pow) = mul.kind,
            case .binary(.power, _, _) = pow.kind
        else {
            Issue.record("wrong tree: \(e)")
            return
        }
    }

    @Test func expressionForms() throws {
        #expect(try expression("-9223372036854775808").kind == .integer(.min))
        #expect(throws: CypherSyntaxError.self) { try expression("9223372036854775808") }
        if case .comparison(_, let links) = try expression("1 < 2 <= 3").kind {
            #expect(links.count == 2)
        } else {
            Issue.record("chain")
        }
        if case .slice = try expression("l[1..2]").kind {} else { Issue.record("slice") }
        if case .index = try expression("l[0]").kind {} else { Issue.record("index") }
        if case .function(let call) = try expression("a.b.c(1, 2)").kind {
            #expect(call.namespace == ["a", "b"])
            #expect(call.name == "c")
        } else {
            Issue.record("namespaced call")
        }
        if case .function(let call) = try expression("count(DISTINCT x)").kind {
            #expect(call.distinct)
        } else {
            Issue.record("distinct")
        }
        #expect(try expression("count(*)").kind == .countStar)
        if case .caseExpression(let c) = try expression("CASE x WHEN 1 THEN 'a' ELSE 'b' END").kind {
            #expect(c.subject != nil)
        } else {
            Issue.record("case")
        }
        if case .listComprehension(_, _, let p, let e) = try expression("[x IN l WHERE x > 1 | x * 2]").kind {
            #expect(p != nil && e != nil)
        } else {
            Issue.record("list comprehension")
        }
        if case .patternComprehension = try expression("[(a)-->(b) WHERE b.x | b.y]").kind {
        } else {
            Issue.record("pattern comprehension")
        }
        if case .mapProjection(_, let items) = try expression("n{.a, b: 1, c, .*}").kind {
            #expect(items.count == 4)
        } else {
            Issue.record("map projection")
        }
        if case .quantifier(.single, _, _, _) = try expression("single(x IN l WHERE x)").kind {
        } else {
            Issue.record("quantifier")
        }
        if case .reduce = try expression("reduce(s = 0, x IN l | s + x)").kind {} else { Issue.record("reduce") }
        if case .existsSubquery = try expression("EXISTS { (a)-->(b) WHERE b.x }").kind {
        } else {
            Issue.record("exists")
        }
        if case .countSubquery = try expression("COUNT { MATCH (a)-->(b) RETURN b }").kind {
        } else {
            Issue.record("count")
        }
        if case .binary(.startsWith, _, _) = try expression("a STARTS WITH 'x'").kind {
        } else {
            Issue.record("starts with")
        }
        if case .isNull(_, negated: true) = try expression("a IS NOT NULL").kind {} else { Issue.record("is not null") }
        if case .hasLabels(_, let labels) = try expression("n:A:B").kind {
            #expect(labels == ["A", "B"])
        } else {
            Issue.record("labels")
        }
        if case .binary(.regexMatch, _, _) = try expression("a =~ 'x.*'").kind {} else { Issue.record("regex") }
    }

    @Test func projectionsAndUpdates() throws {
        let q = try query(
            """
            MATCH (n) WITH DISTINCT n, n.x AS x ORDER BY x DESC SKIP 1 LIMIT 2 WHERE x > 0
            MERGE (n)-[:R]->(m:M {id: 1}) ON CREATE SET m.c = 1 ON MATCH SET m += {u: 2}
            SET n:L, n = {a: 1} REMOVE n.a, n:L
            WITH n UNWIND [1, 2] AS i FOREACH (j IN [i] | CREATE (:X {v: j}))
            DETACH DELETE n RETURN *
            UNION ALL RETURN 1 AS n
            """)
        #expect(q.parts.count == 2 && q.unionAll == [true])
        guard case .with(let with) = q.parts[0].clauses[1].kind else { Issue.record("with"); return }
        #expect(with.distinct && with.orderBy.count == 1 && !with.orderBy[0].ascending && with.whereClause != nil)
        guard case .merge(let merge) = q.parts[0].clauses[2].kind else { Issue.record("merge"); return }
        #expect(merge.onCreate.count == 1 && merge.onMatch.count == 1)
    }

    @Test func callForms() throws {
        let q = try query("CALL db.labels() YIELD label AS l WHERE l <> 'x' RETURN l")
        guard case .call(let call) = q.parts[0].clauses[0].kind else { Issue.record("call"); return }
        #expect(call.qualifiedName == "db.labels")
        #expect(call.yieldItems?.first?.name == "l")
        let standalone = try query("CALL test.proc")
        if case .call(let c) = standalone.parts[0].clauses[0].kind { #expect(c.arguments == nil) }
        let sub = try query("CALL { MATCH (n) RETURN n } RETURN n")
        if case .subquery = sub.parts[0].clauses[0].kind {} else { Issue.record("subquery") }
    }

    @Test func explainAndProfile() throws {
        #expect(try Parser.parse("EXPLAIN MATCH (n) RETURN n").mode == .explain)
        #expect(try Parser.parse("PROFILE RETURN 1").mode == .profile)
    }

    @Test func constraintKindsInNeo4jFiveSyntax() throws {
        func kind(_ text: String) throws -> SchemaCommand.Kind? {
            guard case .schema(let c) = try Parser.parse(text).kind else { return nil }
            return c.kind
        }
        #expect(
            try kind("CREATE CONSTRAINT k FOR (p:Person) REQUIRE (p.a, p.b) IS NODE KEY")
                == .createConstraint(
                    name: "k", ifNotExists: false, variable: "p", target: .label("Person"), properties: ["a", "b"],
                    requirement: .key))
        #expect(
            try kind("CREATE CONSTRAINT IF NOT EXISTS FOR (p:Person) REQUIRE p.a IS KEY")
                == .createConstraint(
                    name: nil, ifNotExists: true, variable: "p", target: .label("Person"), properties: ["a"],
                    requirement: .key))
        #expect(
            try kind("CREATE CONSTRAINT FOR (p:Person) REQUIRE p.a IS NOT NULL")
                == .createConstraint(
                    name: nil, ifNotExists: false, variable: "p", target: .label("Person"), properties: ["a"],
                    requirement: .notNull))
        for pattern in ["()-[r:BOUGHT]-()", "()-[r:BOUGHT]->()", "()<-[r:BOUGHT]-()"] {
            #expect(
                try kind("CREATE CONSTRAINT q FOR \(pattern) REQUIRE r.qty IS NOT NULL")
                    == .createConstraint(
                        name: "q", ifNotExists: false, variable: "r", target: .relationshipType("BOUGHT"),
                        properties: ["qty"], requirement: .notNull))
        }
        #expect(
            try kind("CREATE CONSTRAINT FOR ()-[r:BOUGHT]-() REQUIRE r.id IS RELATIONSHIP UNIQUE")
                == .createConstraint(
                    name: nil, ifNotExists: false, variable: "r", target: .relationshipType("BOUGHT"), properties: ["id"],
                    requirement: .unique))
        #expect(
            try kind("CREATE CONSTRAINT FOR (p:P) REQUIRE (p.a, p.b) IS NODE UNIQUE")
                == .createUniqueConstraint(name: nil, ifNotExists: false, variable: "p", label: "P", properties: ["a", "b"]))
        // Errors carry positions; a property of another variable is refused.
        #expect(throws: CypherSyntaxError.self) { _ = try Parser.parse("CREATE CONSTRAINT FOR (p:P) REQUIRE p.a IS NOT") }
        #expect(throws: CypherSyntaxError.self) { _ = try Parser.parse("CREATE CONSTRAINT FOR (p:P) REQUIRE q.a IS KEY") }
        #expect(throws: CypherSyntaxError.self) { _ = try Parser.parse("CREATE CONSTRAINT FOR ()-[r]-() REQUIRE r.a IS NOT NULL") }
        // The printer writes what the parser reads back.
        for text in [
            "CREATE CONSTRAINT k FOR (p:Person) REQUIRE (p.a, p.b) IS NODE KEY",
            "CREATE CONSTRAINT q IF NOT EXISTS FOR ()-[r:BOUGHT]->() REQUIRE r.qty IS NOT NULL",
        ] {
            let printed = CypherPrinter.print(try Parser.parse(text))
            #expect(try kind(printed) == kind(text), "\(printed)")
        }
    }

    @Test func schemaCommands() throws {
        let c = try Parser.parse("CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE")
        guard case .schema(let constraint) = c.kind else { Issue.record("constraint"); return }
        #expect(
            constraint.kind
                == .createUniqueConstraint(
                    name: "product_id", ifNotExists: true, variable: "p", label: "Product", properties: ["id"]))
        let v = try Parser.parse(
            """
            CREATE VECTOR INDEX emb IF NOT EXISTS FOR (n:Item) ON (n.embedding)
            OPTIONS {indexConfig: {`vector.dimensions`: 384, `vector.similarity_function`: 'cosine'}}
            """)
        guard case .schema(let command) = v.kind,
            case .createVectorIndex(let name, true, "n", "Item", "embedding", let options) = command.kind
        else { Issue.record("vector index"); return }
        #expect(name == "emb")
        #expect(options != nil)
        guard case .schema(let d) = try Parser.parse("DROP CONSTRAINT product_id IF EXISTS").kind,
            case .dropConstraint("product_id", true) = d.kind
        else { Issue.record("drop constraint"); return }
        guard case .schema(let i) = try Parser.parse("DROP INDEX emb").kind, case .dropIndex("emb", false) = i.kind
        else {
            Issue.record("drop index"); return
        }
        guard case .schema(let s) = try Parser.parse("SHOW CONSTRAINTS").kind, case .showConstraints = s.kind else {
            Issue.record("show"); return
        }
        guard case .schema(let t) = try Parser.parse("SHOW INDEXES").kind, case .showIndexes = t.kind else {
            Issue.record("show"); return
        }
        #expect(throws: CypherSyntaxError.self) {
            try Parser.parse("CREATE CONSTRAINT FOR (p:P) REQUIRE q.id IS UNIQUE")
        }
    }

    @Test func syntaxErrorsCarryPositions() {
        do {
            _ = try Parser.parse("MATCH (n)\nRETURN n +")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unexpectedSyntax)
            #expect(error.classification == .syntaxError)
            #expect(error.location.start.line == 2)
            #expect(error.location.start.column == 11)
        }
    }

    @Test func spansCoverSourceText() throws {
        let q = try query("RETURN  a.b + 1 AS x")
        guard case .return(let projection) = q.parts[0].clauses[0].kind else { return }
        #expect(projection.items[0].text == "a.b + 1")
        #expect(projection.items[0].expression.span.start.column == 9)
    }

    @Test func nestingAndHeightAreBounded() {
        func compiles(_ text: String) -> Bool { (try? SemanticChecker.compile(text)) != nil }
        let nested = { (n: Int) in "RETURN " + String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n)
        }
        #expect(compiles(nested(40)))
        #expect(!compiles(nested(10_000)))
        #expect(compiles("RETURN 1" + String(repeating: " + 1", count: 150)))
        #expect(!compiles("RETURN 1" + String(repeating: " + 1", count: 10_000)))
        #expect(!compiles("RETURN " + String(repeating: "[", count: 10_000)))
        #expect(!compiles("RETURN " + String(repeating: "NOT ", count: 10_000) + "true"))
        #expect(!compiles("RETURN " + String(repeating: "-", count: 10_000) + "1"))
    }
}
