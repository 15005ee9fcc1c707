import QueryServer
import Testing

@Suite struct JSONParserTests {
    @Test func parsesAndKeepsIntegersApartFromFloats() throws {
        let v = try JSONParser.parse(#"{"a": [1, 1.0, -2e3, true, null, "x\"\u00e9\ud83d\ude00"], "b": {}}"#)
        #expect(v["a"] == [1, 1.0, -2000.0, true, nil, "x\"é😀"])
        #expect(v["b"] == [:])
        #expect(try JSONParser.parse(v.text) == v)
    }

    @Test func refusesMalformedDocumentsWithAnOffset() {
        for bad in ["", "{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "tru", "1 2", "\"\\ud800\""] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONParser.parse(bad) }
        }
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    @Test func parsesJSONLines() throws {
        let docs = try JSONParser.parseLines(Array("{\"a\":1}\n\n{\"a\":2}\r\n".utf8))
        #expect(docs == [["a": 1], ["a": 2]])
        #expect(throws: JSONParseError.self) { try JSONParser.parseLines(Array("{\"a\":1} {\"a\":2}".utf8)) }
    }

    @Test func escapesControlCharacters() {
        #expect(JSON.string("a\nb\u{1}").text == #""a\nb\u0001""#)
    }
}
