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
        let ts = TextLogHandler.timestamp()
        #expect(ts.count == 24)
        #expect(ts.hasSuffix("Z"))
        let year = try #require(Int(ts.prefix(4)))
        #expect(year >= 2024)
        #expect(Array(ts)[4] == "-" && Array(ts)[10] == "T" && Array(ts)[19] == ".")
    }
}
