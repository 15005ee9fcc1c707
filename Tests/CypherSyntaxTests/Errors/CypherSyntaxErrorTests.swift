import CypherSyntax
import Testing

@Suite struct CypherSyntaxErrorTests {
    @Test func descriptionShowsPositionAndCaret() {
        do {
            _ = try SemanticChecker.compile("MATCH (n)\nRETURN m")
            Issue.record("expected an error")
        } catch {
            #expect(error.classification == .syntaxError)
            #expect(error.code == .undefinedVariable)
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines[0].contains("SyntaxError.UndefinedVariable"))
            #expect(lines[0].contains("line 2, column 8"))
            #expect(lines[1] == "RETURN m")
            #expect(lines[2] == "       ^")
        }
    }
}
