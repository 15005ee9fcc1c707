import QueryServer
import Testing
import TestSupport

/// Mutated JSON through the request parser: a document or an error with a byte offset inside the input;
/// what parses serializes and parses back to the same document.
@Suite struct JSONFuzzTests {
    static let corpus = [
        #"{"query": "MATCH (n) RETURN n", "parameters": {"a": 1, "b": [1.5, -2e10, true, null], "c": {"d": "é\u00e9\n"}}}"#,
        #"{"statements": [{"statement": "RETURN $x", "parameters": {"x": 9223372036854775807}, "resultDataContents": ["row", "graph"]}]}"#,
        #"[1, -0, 0.5e-3, "\ud83d\ude00", "\\\"/", {}, [], [[[]]], false]"#,
        #"{"items": [{"labels": ["A"], "properties": {"k": "v"}}], "key": "k"}"#,
        "  \n\t123.456E+7 ", #""\u0000""#, "{\"a\":\"b\"}\n{\"c\":1}\n",
    ]
    static let dictionary = [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u", "\\ud800", "\\udc00", "true", "false", "null", "-", "0", "1e",
        "E+", ".", "9999999999999999999999", " ", "\n", "\u{0}", "é", "😀", "NaN", "Infinity",
    ]

    @Test func seededRun() {
        var fuzzer = Fuzzer(name: "json", corpus: Self.corpus, dictionary: Self.dictionary)
        let report = fuzzer.run(executions: 20_000) { input in
            do {
                let doc = try JSONParser.parse(input)
                let again = try? JSONParser.parse(doc.serialized())
                // NaN-free by construction: JSON has no NaN, so equality is exact.
                return again == doc ? .accepted : .finding("round trip differs")
            } catch let error as JSONParseError {
                guard error.offset >= 0, error.offset <= input.count else {
                    return .finding("error offset \(error.offset) outside 0...\(input.count)")
                }
                return .rejected(Fuzzer.kind(error.message))
            } catch {
                return .finding("not a JSONParseError: \(error)")
            }
        }
        print(report)
        #expect(report.findings.isEmpty, "\(report)")
        #expect(report.accepted > 0 && report.rejected > 0)
    }
}
