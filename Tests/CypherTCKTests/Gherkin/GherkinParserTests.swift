import Testing

@Suite struct GherkinParserTests {
    static let feature = """
        # comment
        Feature: Sample

          Background:
            Given an empty graph

          @tag
          Scenario: [1] Plain
            And having executed:
              \"\"\"
              CREATE (:A {name: 'a|b'})
              \"\"\"
            When executing query:
              \"\"\"
              MATCH (n)
                RETURN n
              \"\"\"
            Then the result should be, in any order:
              | n                      |
              | (:A {name: 'a\\|b'})    |
            And no side effects

          Scenario Outline: [2] Outline <x>
            When executing query:
              \"\"\"
              RETURN <x> AS v
              \"\"\"
            Then a SyntaxError should be raised at compile time: <code>

            Examples:
              | x | code              |
              | 1 | UnexpectedSyntax  |
              # skipped row comment
              | 2 | UndefinedVariable |

            Examples:
              | x | code    |
              | 3 | Other   |
        """

    @Test func parsesScenariosAndExpandsOutlines() throws {
        let feature = try GherkinParser.parse(text: Self.feature, path: "sample.feature")
        #expect(feature.name == "Sample")
        #expect(feature.scenarios.count == 4)
        let plain = feature.scenarios[0]
        #expect(plain.tags == ["@tag"])
        #expect(plain.steps.first?.text == "an empty graph")  // background first
        #expect(plain.steps[2].docString == "MATCH (n)\n  RETURN n")
        #expect(plain.steps[3].table == [["n"], ["(:A {name: 'a|b'})"]])
        let third = feature.scenarios[3]
        #expect(third.name == "[2] Outline 3")
        #expect(third.exampleRow == 2)
        #expect(third.steps[1].docString == "RETURN 3 AS v")
        #expect(third.steps[2].text == "a SyntaxError should be raised at compile time: Other")
    }

    @Test func interpretsSteps() throws {
        let feature = try GherkinParser.parse(text: Self.feature, path: "sample.feature")
        let plain = try TCKScenario(feature.scenarios[0], feature: "sample.feature")
        #expect(plain.graph == .empty)
        #expect(plain.setupQueries == ["CREATE (:A {name: 'a|b'})"])
        #expect(plain.sideEffects?.isEmpty == true)
        guard case .result(let header, let rows, let ordered, _) = plain.expectation else {
            Issue.record("no result")
            return
        }
        #expect(header == ["n"] && !ordered)
        #expect(rows == [[.node(labels: ["A"], properties: [("name", .string("a|b"))])]])
        let outline = try TCKScenario(feature.scenarios[1], feature: "sample.feature")
        guard case .error("SyntaxError", .compileTime, "UnexpectedSyntax") = outline.expectation else {
            Issue.record("no error expectation")
            return
        }
    }

    @Test func rejectsMalformedFiles() {
        #expect(throws: GherkinError.self) { try GherkinParser.parse(text: "Scenario: x\n", path: "bad") }
        #expect(throws: GherkinError.self) {
            try GherkinParser.parse(text: "Feature: f\n Scenario Outline: o\n  When executing query:\n", path: "bad")
        }
    }
}
