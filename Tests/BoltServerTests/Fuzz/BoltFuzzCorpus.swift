@testable import BoltServer

/// Seed conversations for the Bolt fuzzer: whole client byte streams (handshake, then chunked messages),
/// covering every request message, every PackStream marker and the temporal parameter structures.
enum BoltFuzzCorpus {
    static func handshake(_ major: UInt8, _ minor: UInt8, range: UInt8 = 0) -> [UInt8] {
        BoltVersion.magic + [0, range, minor, major] + [0, 0, 4, 4] + [UInt8](repeating: 0, count: 8)
    }

    static func message(_ tag: UInt8, _ fields: PackValue...) -> [UInt8] {
        ChunkFramer.frame(PackStreamEncoder.encode(.structure(tag: tag, fields: fields)))
    }

    static let hello = message(BoltMessage.hello, ["user_agent": "fuzz/1", "patch_bolt": ["utc"]])
    static let logon = message(BoltMessage.logon, ["scheme": "basic", "principal": "neo4j", "credentials": "x"])
    static let pullAll = message(BoltMessage.pull, ["n": -1])
    static let reset = message(BoltMessage.reset)
    static let goodbye = message(BoltMessage.goodbye)

    static func run(_ text: String, _ params: PackValue = [:], _ extra: PackValue = [:]) -> [UInt8] {
        message(BoltMessage.run, .string(text), params, extra)
    }

    /// Parameters using every PackStream marker: ints of each width, floats, bytes, long strings, lists, maps.
    static let everyMarker: PackValue = .map([
        ("tiny", 1), ("neg", -16), ("i8", -100), ("i16", 30_000), ("i32", 2_000_000_000), ("i64", .int(.max)),
        ("f", .float(-0.5)), ("nan", .float(.nan)), ("t", true), ("n", .null), ("b", .bytes([1, 2, 3])),
        ("s16", .string(String(repeating: "é", count: 9))), ("s300", .string(String(repeating: "x", count: 300))),
        ("l", .list((0 ..< 20).map { .int(Int64($0)) })), ("m", .map((0 ..< 17).map { ("k\($0)", .int(Int64($0))) })),
        ("nested", [[["deep": [[1, 2], [:]]]]]),
    ])

    /// Temporal parameters as Bolt 5 structures: date, local time, time, local date-time, date-time (offset
    /// and zone id) and duration.
    static let temporals: PackValue = .map([
        ("d", .structure(tag: StructureTag.date, fields: [19_000])),
        ("lt", .structure(tag: StructureTag.localTime, fields: [3_600_000_000_000])),
        ("t", .structure(tag: StructureTag.time, fields: [3_600_000_000_000, 3600])),
        ("ldt", .structure(tag: StructureTag.localDateTime, fields: [1_700_000_000, 5])),
        ("dt", .structure(tag: StructureTag.dateTime, fields: [1_700_000_000, 5, 7200])),
        ("dz", .structure(tag: StructureTag.dateTimeZoneID, fields: [1_700_000_000, 5, "Europe/Paris"])),
        ("du", .structure(tag: StructureTag.duration, fields: [14, 3, 59, 999])),
    ])

    static let legacyTemporals: PackValue = .map([
        ("dt", .structure(tag: StructureTag.legacyDateTime, fields: [1_700_000_000, 5, -3600])),
        ("dz", .structure(tag: StructureTag.legacyDateTimeZoneID, fields: [1_700_000_000, 0, "America/New_York"])),
    ])

    static let conversations: [[UInt8]] = [
        handshake(5, 6) + hello + logon + run("RETURN 1 AS x") + pullAll + goodbye,
        handshake(5, 6, range: 6) + hello + logon + message(BoltMessage.begin, ["db": "neo4j"])
            + run("CREATE (n:A {x: $x})-[:R]->(m:B) RETURN n, m", ["x": 1]) + message(BoltMessage.pull, ["n": 1])
            + message(BoltMessage.pull, ["n": -1, "qid": 0]) + message(BoltMessage.commit)
            + run("MATCH p = (n)-[r]->(m) RETURN n, r, m, p, id(n), elementId(r)") + pullAll,
        handshake(5, 6) + hello + logon + run("RETURN $tiny, $i64, $s300, $l, $m, $nested, $nan", everyMarker) + pullAll,
        handshake(5, 6) + hello + logon + run("RETURN $d, $lt, $t, $ldt, $dt, $dz, $du, $dt + $du", temporals) + pullAll,
        handshake(4, 4) + message(BoltMessage.hello, ["user_agent": "fuzz/1"]) + run("RETURN $dt, $dz", legacyTemporals) + pullAll
            + run("RETURN datetime('2024-03-31T02:30:00[Europe/Paris]') AS x, duration('P1Y2M') AS y") + pullAll,
        handshake(4, 4) + hello + run("RETURN $dt, $du", temporals) + pullAll,
        handshake(5, 0) + hello + run("RETURN nonsense(") + pullAll + reset
            + run("UNWIND range(1, 5) AS x RETURN x") + message(BoltMessage.pull, ["n": 2])
            + message(BoltMessage.discard, ["n": -1]),
        handshake(5, 4) + hello + logon + message(BoltMessage.telemetry, 1)
            + message(BoltMessage.route, [:], [], ["db": "neo4j"]) + message(BoltMessage.logoff) + logon
            + run("RETURN 2", [:], ["db": "other"]) + pullAll + reset + message(BoltMessage.rollback),
        // Keep-alive chunks, a message split over several chunks, a transaction left open.
        handshake(5, 6) + [0, 0] + hello + [0, 0, 0, 0] + logon
            + ChunkFramer.frame(PackStreamEncoder.encode(.structure(tag: BoltMessage.run, fields: ["RETURN 3", [:], [:]])))
                .chunked(3) + message(BoltMessage.begin, ["tx_timeout": 50]) + run("CREATE (:T)") + run("RETURN 4"),
        handshake(5, 6) + logon + hello + message(BoltMessage.pull) + run("RETURN 5"),
    ]

    /// Fragments inserted whole: markers with sizes, chunk headers, whole messages.
    static let dictionary: [[UInt8]] = [
        [0x00, 0x00], [0x00, 0x01], [0xFF, 0xFF], [0xB0], [0xB1, 0x10], [0xB3, 0x10], [0xB1, 0x3F], [0xB1, 0x2F],
        [0xB0, 0x0F], [0xB0, 0x02], [0xB1, 0x11], [0xB0, 0x12], [0xA0], [0xA1, 0x81, 0x6E, 0xFF], [0x90], [0x9F],
        [0xD0, 0xFF], [0xD1, 0xFF, 0xFF], [0xD2, 0x7F, 0xFF, 0xFF, 0xFF], [0xD6, 0xFF, 0xFF, 0xFF, 0xFF],
        [0xDA, 0x00, 0x01, 0x00, 0x00], [0xCE, 0xFF, 0xFF, 0xFF, 0xFF], [0xCB, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        [0xCB, 0x80, 0, 0, 0, 0, 0, 0, 0], [0xC1, 0x7F, 0xF8, 0, 0, 0, 0, 0, 0], [0xC0], [0xC3], [0xC4], [0xDF],
        [0xB3, 0x49], [0xB3, 0x69], [0xB2, 0x54], [0xB4, 0x45], [0xB1, 0x44], [0xB3, 0x4E], [0xB8, 0x52], [0xB3, 0x50],
        Array("n".utf8), Array("qid".utf8), Array("tx_timeout".utf8), Array("Europe/Paris".utf8), [0xED, 0xA0, 0x80],
        reset, goodbye, pullAll, hello, logon, run("RETURN 6"), message(BoltMessage.begin), message(BoltMessage.commit),
        BoltVersion.magic,
    ]
}

extension [UInt8] {
    /// Bolt framing re-cut into chunks of at most `size` bytes (same message, more chunk headers).
    func chunked(_ size: Int) -> [UInt8] {
        var body: [UInt8] = []
        var i = 0
        while i + 2 <= count {
            let n = Int(self[i]) << 8 | Int(self[i + 1])
            body += self[i + 2 ..< Swift.min(count, i + 2 + n)]
            i += 2 + n
        }
        var out: [UInt8] = []
        for start in stride(from: 0, to: body.count, by: size) {
            let piece = body[start ..< Swift.min(body.count, start + size)]
            out += [UInt8(piece.count >> 8), UInt8(piece.count & 0xFF)] + piece
        }
        return out + [0, 0]
    }
}
