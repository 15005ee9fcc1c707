import Foundation
import Logging
import QueryServer
import Testing

@Suite struct LogHandlerTests {
    /// Logs through `handler` into a pipe and returns the lines written.
    static func lines(_ make: (LogSink) -> any LogHandler, _ body: (Logger) -> Void) throws -> [String] {
        let pipe = Pipe()
        let sink = LogSink(descriptor: pipe.fileHandleForWriting.fileDescriptor)
        let handler = make(sink)
        body(Logger(label: "test") { _ in handler })
        sink.flush()
        try pipe.fileHandleForWriting.close()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.split(separator: "\n").map(String.init)
    }

    @Test func jsonLinesCarryLevelMessageAndMetadata() throws {
        let lines = try Self.lines({ JSONLogHandler(label: "srv", sink: $0) }) { logger in
            var logger = logger
            logger[metadataKey: "request_id"] = "r1"
            logger.info("request", metadata: ["status": "200"])
            logger.debug("hidden")
        }
        #expect(lines.count == 1)
        let v = try JSONParser.parse(try #require(lines.first))
        #expect(v["level"] == "info")
        #expect(v["msg"] == "request")
        #expect(v["logger"] == "srv")
        #expect(v["request_id"] == "r1")
        #expect(v["status"] == "200")
        #expect(v["ts"]?.stringValue?.hasSuffix("Z") == true)
    }

    @Test func textLinesAreOnePerEvent() throws {
        let lines = try Self.lines({ TextLogHandler(label: "srv", sink: $0) }) { logger in
            logger.info("one", metadata: ["b": "2", "a": "1"])
            logger.warning("two")
        }
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix(" info srv: one a=1 b=2"), "\(lines[0])")
        #expect(lines[1].contains(" warning srv: two"))
        #expect(lines[0].prefix(4).allSatisfy { $0.isNumber })
    }
}
