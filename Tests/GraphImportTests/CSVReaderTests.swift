import GraphImport
import Testing
import TestSupport

@Suite struct CSVReaderTests {
    func records(_ text: String) throws -> [[String]] {
        let dir = SharedData.temporaryDirectory()
        let path = dir + "/t.csv"
        SharedData.write(text, to: path)
        var out: [[String]] = []
        try CSVReader(path: path).forEachRecord { rec in out.append((0..<rec.count).map { rec.string($0) }) }
        return out
    }

    @Test func quotedFieldsWithDelimitersQuotesAndNewlines() throws {
        let r = try records("a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,z")
        #expect(r == [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", ""], ["3", "", "z"]])
    }

    @Test func crlfLineEnds() throws {
        #expect(try records("a,b\r\n1,2\r\n") == [["a", "b"], ["1", "2"]])
    }

    @Test func unterminatedQuoteReportsLineAndColumn() throws {
        let err = #expect(throws: ImportError.self) { _ = try records("a,b\n1,2\n3,\"open\n") }
        #expect(err?.code == .malformedCSV)
        #expect(err?.line == 3)
        #expect(err?.column == 3)
        #expect(err?.description.hasSuffix("t.csv:3:3: unterminated quoted field (the file ends inside quotes)") == true)
    }

    @Test func strayQuoteReportsItsColumn() throws {
        let err = #expect(throws: ImportError.self) { _ = try records("a,b\nok,ab\"c\n") }
        #expect(err?.line == 2)
        #expect(err?.column == 6)
    }

    @Test func textAfterClosingQuoteIsAnError() throws {
        let err = #expect(throws: ImportError.self) { _ = try records("h\n\"a\"b\n") }
        #expect(err?.line == 2)
        #expect(err?.column == 4)
    }

    @Test func recordsLargerThanTheBufferAreRead() throws {
        let long = String(repeating: "x", count: 3_000_000)
        let r = try records("a,b\n\(long),\"\(long)\"\n")
        #expect(r.count == 2)
        #expect(r[1][0].utf8.count == 3_000_000 && r[1][1].utf8.count == 3_000_000)
    }

    @Test func missingFileIsAnIOError() throws {
        let err = #expect(throws: ImportError.self) { _ = try CSVReader(path: "/nonexistent/x.csv") }
        #expect(err?.code == .io)
    }
}
