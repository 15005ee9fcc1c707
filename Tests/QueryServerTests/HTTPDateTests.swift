import Foundation
import Testing

@testable import QueryServer

@Suite struct HTTPDateTests {
    @Test func formatsIMFFixdates() {
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 1_691_063_110)) == "Thu, 3 Aug 2023 11:45:10 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: -86_401)) == "Tue, 30 Dec 1969 23:59:59 GMT")
        #expect(HTTPDate.format(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 GMT")
    }

    @Test func logTimestampsAreISO8601UTC() throws {
        let before = Date()
        let ts = TextLogHandler.timestamp()
        let after = Date()
        #expect(ts.count == 24)
        let parser = ISO8601DateFormatter()
        parser.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let parsed = try #require(parser.date(from: ts))
        #expect(parsed.timeIntervalSince(before) > -0.002 && parsed.timeIntervalSince(after) < 0.002)
        #expect(ts.hasSuffix("Z"))
        let year = try #require(Int(ts.prefix(4)))
        #expect(year >= 2024)
        #expect(Array(ts)[4] == "-" && Array(ts)[10] == "T" && Array(ts)[19] == ".")
    }
}
