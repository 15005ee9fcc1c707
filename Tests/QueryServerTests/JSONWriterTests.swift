@testable import QueryServer
import Testing

/// `JSONWriter` against the oracle `JSON.serialized()`: the same document written both ways gives the
/// same bytes, escapes and non-finite numbers included.
@Suite struct JSONWriterTests {
    @Test func writesTheSameBytesAsTheJSONTree() throws {
        let names = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "ctl \u{1}\u{1f}", "é 😀", ""]
        let numbers: [Double] = [0, -1.5, 1e300, 0.1 + 0.2, .nan, .infinity, -.infinity, 42]
        var w = JSONWriter()
        w.beginObject()
        w.field("subject", "c1")
        w.field("missing", nil as String?)
        w.key("flag")
        w.bool(true)
        w.key("count")
        w.int(-7)
        w.key("items")
        w.beginArray()
        for (n, name) in names.enumerated() {
            w.beginObject()
            w.field("id", name)
            w.field("score", numbers[n % numbers.count])
            w.key("empty")
            w.beginArray()
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("tail")
        w.beginObject()
        w.endObject()
        w.endObject()
        let tree = JSON.object([
            ("subject", "c1"), ("flag", true), ("count", -7),
            ("items", .array(names.enumerated().map { n, name in
                .object([("id", .string(name)), ("score", .double(numbers[n % numbers.count])), ("empty", [])])
            })),
            ("tail", [:]),
        ])
        #expect(w.bytes == tree.serialized())
        #expect(try JSONParser.parse(String(decoding: w.bytes, as: UTF8.self))["items"]?.arrayValue?.count == names.count)
    }

    @Test func writesTopLevelArraysAndScalars() {
        var w = JSONWriter()
        w.beginArray()
        w.int(1)
        w.string("a")
        w.double(2.5)
        w.endArray()
        #expect(w.bytes == JSON.array([1, "a", 2.5]).serialized())
    }
}
