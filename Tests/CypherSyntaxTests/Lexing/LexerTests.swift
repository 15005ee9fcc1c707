import CypherSyntax
import Testing

@Suite struct LexerTests {
    func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer.tokenize(text).map(\.kind).dropLast()
    }

    @Test func wordsKeywordsAndQuotedNames() throws {
        let tokens = try Lexer.tokenize("match (`my node`) RETURN x")
        #expect(tokens[0].isKeyword("MATCH"))
        #expect(tokens[2].kind == .word("my node", quoted: true))
        #expect(!tokens[2].isKeyword("MY NODE"))
        #expect(tokens[4].isKeyword("RETURN"))
        #expect(try kinds("`a``b`") == [.word("a`b", quoted: true)])
    }

    @Test func stringsWithBothQuotesAndEscapes() throws {
        #expect(
            try kinds(#"'it\'s' "say \"hi\"" 'tab\there' '\u00e9' '\\'"#) == [
                .string("it's"), .string("say \"hi\""), .string("tab\there"), .string("é"), .string("\\"),
            ])
    }

    @Test func numbers() throws {
        #expect(
            try kinds("42 0x2A 0o52 1.5 .5 1e3 2.5E-2") == [
                .integer(digits: "42", radix: 10), .integer(digits: "2A", radix: 16), .integer(digits: "52", radix: 8),
                .float(1.5), .float(0.5), .float(1000), .float(0.025),
            ])
        // A range keeps its dots: `1..3` is integer, `..`, integer.
        #expect(
            try kinds("1..3") == [.integer(digits: "1", radix: 10), .symbol(".."), .integer(digits: "3", radix: 10)])
        #expect(try kinds("12abc") == [.invalidNumber("12abc")])
    }

    @Test func parametersOperatorsAndComments() throws {
        #expect(
            try kinds("$name $0 =~ <> != <= >= += .. // comment\n /* block */ ^") == [
                .parameter("name"), .parameter("0"), .symbol("=~"), .symbol("<>"), .symbol("!="), .symbol("<="),
                .symbol(">="), .symbol("+="), .symbol(".."), .symbol("^"),
            ])
    }

    @Test func positionsAreLineAndColumn() throws {
        let tokens = try Lexer.tokenize("MATCH (n)\n  RETURN n")
        let ret = tokens.first { $0.isKeyword("RETURN") }!
        #expect(ret.span.start.line == 2)
        #expect(ret.span.start.column == 3)
        #expect(ret.span.start.offset == 12)
    }

    @Test func errors() {
        #expect(throws: CypherSyntaxError.self) { try Lexer.tokenize("'open") }
        do {
            _ = try Lexer.tokenize(#"RETURN '\uZZZZ'"#)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .invalidUnicodeLiteral)
        }
    }
}
