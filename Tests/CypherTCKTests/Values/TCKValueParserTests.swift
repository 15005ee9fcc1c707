import Testing

@Suite struct TCKValueParserTests {
    @Test func scalarsListsAndMaps() throws {
        #expect(try TCKValueParser.parse("null") == .null)
        #expect(try TCKValueParser.parse("true") == .boolean(true))
        #expect(try TCKValueParser.parse("-12") == .integer(-12))
        #expect(try TCKValueParser.parse("1.5e2") == .float(150))
        #expect(try TCKValueParser.parse("'it\\'s'") == .string("it's"))
        #expect(try TCKValueParser.parse("[1, 'a', [null]]") == .list([.integer(1), .string("a"), .list([.null])]))
        #expect(try TCKValueParser.parse("{a: 1, `b c`: {}}") == .map([("a", .integer(1)), ("b c", .map([]))]))
        if case .float(let f) = try TCKValueParser.parse("NaN") { #expect(f.isNaN) } else { Issue.record("NaN") }
    }

    @Test func graphValues() throws {
        #expect(
            try TCKValueParser.parse("(:A:B {name: 'x'})")
                == .node(labels: ["A", "B"], properties: [("name", .string("x"))]))
        #expect(try TCKValueParser.parse("()") == .node(labels: [], properties: []))
        #expect(try TCKValueParser.parse("[:T {w: 2}]") == .relationship(type: "T", properties: [("w", .integer(2))]))
        let path = try TCKValueParser.parse("<(:A)-[:T]->(:B)<-[:U]-()>")
        guard case .path(let nodes, let relationships, let forward) = path else {
            Issue.record("not a path")
            return
        }
        #expect(nodes.count == 3 && relationships.count == 2 && forward == [true, false])
        #expect(
            try TCKValueParser.parse("<()>")
                == .path(nodes: [.node(labels: [], properties: [])], relationships: [], forward: []))
    }

    @Test func rejectsMalformedValues() {
        for text in ["[1, 2", "{a 1}", "(:A", "'open", "<(:A)-[:T]-(:B)>", "1 2"] {
            #expect(throws: TCKValueParser.Failure.self, "\(text)") { try TCKValueParser.parse(text) }
        }
    }
}
