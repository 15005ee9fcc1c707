import GraphStore
import Testing

@testable import CypherRuntime

/// `=~` runs on a linear-time matcher with Java's syntax and whole-string semantics.
@Suite struct RegexTests {
    func matches(_ text: String, _ pattern: String) throws -> Bool {
        try CypherRegex(pattern).wholeMatch(text) { () throws(CypherRuntimeError) in }
    }

    @Test func catastrophicPatternsAnswerQuickly() throws {
        // Exponential for a backtracking engine; the Pike VM visits each state once per character.
        let clock = ContinuousClock()
        let elapsed = try clock.measure {
            let r = try CypherEngine.execute("RETURN 'aaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+$' AS m", on: GraphStore())
            #expect(r.rows == [[.bool(false)]])
            let long = String(repeating: "a", count: 5_000) + "!"
            let r2 = try CypherEngine.execute(
                "RETURN $s =~ '(a|aa)*(a*)*b' AS m, $s =~ '(.*a){20}' AS n", parameters: ["s": .string(long)],
                on: GraphStore())
            #expect(r2.rows == [[.bool(false), .bool(false)]])
        }
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test(arguments: [
        ("abc", "abc", true), ("abc", "ab", false), ("abc", "a.c", true), ("a\nc", "a.c", false),
        ("a\nc", "(?s)a.c", true), ("ABC", "(?i)abc", true), ("ABC", "abc", false), ("ABc", "(?i:ab)c", true),
        ("ABC", "(?i:ab)c", false), ("Ada", "(?i)a.*", true), ("xyz", "[a-c]+", false), ("cab", "[a-c]+", true),
        ("d", "[^a-c]", true), ("b", "[^a-c]", false), ("2024-01-05", "\\d{4}-\\d{2}-\\d{2}", true),
        ("2024-1-05", "\\d{4}-\\d{2}-\\d{2}", false), ("foo_bar9", "\\w+", true), ("a b", "\\w+", false),
        ("a b", "a\\sb", true), ("", "a*", true), ("", "a+", false), ("aaa", "a{2,3}", true),
        ("aaaa", "a{2,3}", false), ("aaaa", "a{2,}", true), ("a", "a{2}", false), ("cat", "cat|dog", true),
        ("dog", "c(at|og)|d(og)", true), ("cow", "cat|dog", false), ("a.b", "a\\.b", true), ("axb", "a\\.b", false),
        ("x+y", "\\Qx+y\\E", true), ("Straße", "Stra\\p{L}e", true), ("ab", "a\\p{Lu}", false),
        ("aB", "a\\p{Upper}", true), ("ab", "(?x) a  b # comment", true), ("a]", "[]a]+", true),
        ("-", "[a-]", true), ("é", "\\u00e9", true), ("A", "\\x41", true), ("A", "\\x{41}", true),
        ("tab\t", "tab\\t", true), ("ab", "^ab$", true), ("ab\n", "ab$", false), ("ab", "a\\b.", false),
        ("a b", "a\\b.\\bb", true), ("l1\nl2", "(?m)l1$\\n^l2", true), ("aaa", "a*?a", true),
        ("ÄÖ", "(?i)äö", true), ("a1", "[\\p{Alpha}][\\d]", true), ("1", "[\\D]", false), ("x", "(?-i)x", true),
        ("abab", "(ab)*", true), ("aba", "(ab)*", false), ("", "()*", true), ("ab", "a(?<n>b)", true),
    ])
    func javaSyntax(_ text: String, _ pattern: String, _ expected: Bool) throws {
        #expect(try matches(text, pattern) == expected, "\(text) =~ \(pattern)")
    }

    @Test(arguments: ["(a", "a)", "[a", "*a", "a{2,1}", "(a)\\1", "(?=a)a", "(?<=a)b", "a*+", "(?>a)", "\\k<n>",
        "a{", "\\q", "[b-a]", "(?z)"])
    func refusedPatternsGiveAClearError(_ pattern: String) {
        #expect(throws: CypherRuntimeError.self) { _ = try matches("a", pattern) }
        do {
            _ = try CypherEngine.execute("RETURN 'a' =~ $p", parameters: ["p": .string(pattern)], on: GraphStore())
            Issue.record("expected an error for \(pattern)")
        } catch let e as CypherRuntimeError {
            #expect(e.code == .invalidArgumentValue)
            #expect(e.message.contains("regular expression"))
        } catch { Issue.record("\(error)") }
    }

    @Test func hugeCountedRepetitionIsRefusedNotExpanded() {
        #expect(throws: CypherRuntimeError.self) { _ = try matches("a", "((a{1000}){1000}){1000}") }
        #expect(throws: CypherRuntimeError.self) { _ = try matches("a", "a{2000000}") }
        // An empty body repeated many times compiles to nothing.
        #expect((try? matches("", "((){1000000}){1000000}")) == true)
    }

    @Test func nullAndNonStringsGiveNull() throws {
        let r = try CypherEngine.execute("RETURN null =~ 'a' AS a, 'a' =~ null AS b, 1 =~ 'a' AS c", on: GraphStore())
        #expect(r.rows == [[.null, .null, .null]])
    }

    @Test func aLongMatchStopsAtTheTimeLimit() throws {
        let text = String(repeating: "ab", count: 2_000_000)
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try CypherEngine.execute(
                "UNWIND range(1, 100) AS i RETURN $s =~ '(a|b|ab|ba)*c' AS m", parameters: ["s": .string(text)],
                on: GraphStore(), timeLimit: .milliseconds(300))
            Issue.record("expected the time limit")
        } catch let e as CypherRuntimeError {
            #expect(e.code == .resourceLimit)
        }
        #expect(clock.now - start < .seconds(3))
    }
}
