import CypherSyntax
import Testing

/// The `SEARCH` subclause in Neo4j's grammar (https://neo4j.com/docs/cypher-manual/current/clauses/search/).
@Suite struct SearchClauseParserTests {
    func match(_ text: String) throws -> MatchClause {
        guard case .query(let q) = try Parser.parse(text).kind, case .match(let m) = q.parts[0].clauses[0].kind else {
            throw CypherSyntaxError(.unexpectedSyntax, "not a match", at: .none)
        }
        return m
    }

    func syntaxError(_ text: String) -> CypherSyntaxError? {
        do {
            _ = try SemanticChecker.compile(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func theDocumentedFormsParse() throws {
        let m = try match("""
            MATCH (movie:Movie)
              SEARCH movie IN (
                VECTOR INDEX moviePlots
                FOR $vector
                WHERE movie.rating >= 7 AND movie.year < 2000
                LIMIT 10
              ) SCORE AS score
            RETURN movie, score
            """)
        let s = try #require(m.search)
        #expect(s.variable == "movie")
        #expect(s.indexName == "moviePlots")
        #expect(s.scoreVariable == "score")
        #expect(s.filter != nil)
        #expect(s.limit == Expression(.integer(10), span: s.limit.span))
        #expect(m.whereClause == nil)
        #expect(s.indexSpan.start.line == 3 && s.indexSpan.start.column == 18)
        // The MATCH's WHERE may come before or after SEARCH; keywords are case-insensitive.
        let before = try match("MATCH (m:Movie) WHERE m.year > 1990 search m in (vector index idx for [1, 2, 3] limit 4) RETURN m")
        let after = try match("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX idx FOR [1, 2, 3] LIMIT 4) WHERE m.year > 1990 RETURN m")
        #expect(before.whereClause != nil && before.search != nil && before.search?.scoreVariable == nil)
        #expect(after.whereClause == before.whereClause)
        #expect(after.search?.queryVector == before.search?.queryVector)
        // A query vector from the graph, and OPTIONAL MATCH.
        let optional = try match(
            "OPTIONAL MATCH (m:Movie) SEARCH m IN (VECTOR INDEX idx FOR snow.embedding LIMIT $k) SCORE AS s RETURN m")
        #expect(optional.optional && optional.search?.scoreVariable == "s")
    }

    @Test func printingRoundTrips() throws {
        let text = "MATCH (c:Customer {id: $id}) MATCH (p:Product) SEARCH p IN (VECTOR INDEX `product idx` FOR $v "
            + "WHERE NOT (c)-[:PURCHASED]->(p) AND p.price < 50 LIMIT 10) SCORE AS s WHERE s > 0.5 RETURN p, s"
        let first = try SemanticChecker.compile(text)
        let printed = CypherPrinter.print(first)
        #expect(printed.contains("SEARCH p IN (VECTOR INDEX `product idx` FOR $v WHERE"))
        #expect(printed.contains("LIMIT 10) SCORE AS s WHERE"))
        let second = try SemanticChecker.compile(printed)
        #expect(CypherPrinter.print(second) == printed)
    }

    @Test func malformedSearchIsASyntaxErrorWithItsPosition() throws {
        let cases: [(String, Int, Int, String)] = [
            ("MATCH (p:P)\nSEARCH p IN (VECTOR INDEX idx FOR $v LIMIT) RETURN p", 2, 43, "')'"),
            ("MATCH (p:P)\nSEARCH p IN (VECTOR INDEX idx FOR $v) RETURN p", 2, 37, "LIMIT"),
            ("MATCH (p:P) SEARCH p (VECTOR INDEX idx FOR $v LIMIT 3) RETURN p", 1, 22, "IN"),
            ("MATCH (p:P) SEARCH p IN (INDEX idx FOR $v LIMIT 3) RETURN p", 1, 26, "VECTOR"),
            ("MATCH (p:P) SEARCH p IN (VECTOR INDEX idx $v LIMIT 3) RETURN p", 1, 43, "FOR"),
            ("MATCH (p:P) SEARCH p IN (VECTOR INDEX idx FOR $v LIMIT 3 RETURN p", 1, 58, "')'"),
            ("MATCH (p:P) SEARCH p IN (VECTOR INDEX idx FOR $v LIMIT 3) SCORE s RETURN p", 1, 65, "AS"),
            ("MATCH (p:P) SEARCH p IN (VECTOR INDEX $idx FOR $v LIMIT 3) RETURN p", 1, 39, "named"),
            ("MATCH (p:P) SEARCH p IN (VECTOR INDEX idx FOR $v SKIP 1 LIMIT 3) RETURN p", 1, 50, "SKIP"),
        ]
        for (text, line, column, mention) in cases {
            let e = try #require(syntaxError(text), "\(text) was accepted")
            #expect(e.classification == .syntaxError, "\(text)")
            #expect(e.code == .unexpectedSyntax, "\(text): \(e.code)")
            #expect(e.location.start.line == line && e.location.start.column == column, "\(text): \(e)")
            #expect(e.message.contains(mention), "\(text): \(e.message)")
        }
    }

    @Test func semanticRules() throws {
        func code(_ text: String) -> CypherSyntaxError.Code? { syntaxError(text)?.code }
        // The variable must come from the same MATCH (Neo4j's 42I69), and be defined (42N62).
        #expect(code("MATCH (movie:Movie) MATCH (m:Movie) SEARCH movie IN (VECTOR INDEX i FOR m.e LIMIT 4) RETURN m")
            == .invalidSearchClause)
        #expect(code("MATCH (movie:Movie) SEARCH node IN (VECTOR INDEX i FOR [1] LIMIT 4) RETURN movie")
            == .undefinedVariable)
        #expect(code("MATCH (a)-[r]->(b) SEARCH r IN (VECTOR INDEX i FOR [1] LIMIT 4) RETURN r") == .invalidSearchClause)
        // The query vector may not depend on the searched node (42I75), nor on other variables of the pattern.
        #expect(code("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR m.embedding LIMIT 4) RETURN m")
            == .invalidSearchClause)
        #expect(code("MATCH (a)-->(m:Movie) SEARCH m IN (VECTOR INDEX i FOR a.embedding LIMIT 4) RETURN m")
            == .undefinedVariable)
        // LIMIT: a constant non-negative integer.
        #expect(code("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] LIMIT -1) RETURN m") == .negativeIntegerArgument)
        #expect(code("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] LIMIT m.k) RETURN m") == .nonConstantExpression)
        #expect(code("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] LIMIT 'x') RETURN m") == .invalidArgumentType)
        // SCORE AS introduces a new variable; the filter sees the searched node and earlier variables only.
        #expect(code("MATCH (s) MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] LIMIT 4) SCORE AS s RETURN m")
            == .variableAlreadyBound)
        #expect(code("MATCH (m:Movie)-->(x) SEARCH m IN (VECTOR INDEX i FOR [1] WHERE x.a = 1 LIMIT 4) RETURN m")
            == .undefinedVariable)
        #expect(code("MATCH (c) MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] WHERE NOT (c)-->(m) LIMIT 4) SCORE AS s RETURN m, s")
            == nil)
        let columns = try SemanticChecker().check(
            Parser.parse("MATCH (m:Movie) SEARCH m IN (VECTOR INDEX i FOR [1] LIMIT 4) SCORE AS s RETURN *"))
        #expect(columns == ["m", "s"])
    }
}
