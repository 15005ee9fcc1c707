import Testing

@testable import BoltServer

@Suite("PackStream")
struct PackStreamTests {
    @Test("integers use the smallest marker at every width boundary and round-trip")
    func integers() throws {
        let cases: [(Int64, [UInt8])] = [
            (0, [0x00]), (127, [0x7F]), (-1, [0xFF]), (-16, [0xF0]), (-17, [0xC8, 0xEF]), (-128, [0xC8, 0x80]),
            (128, [0xC9, 0x00, 0x80]), (-129, [0xC9, 0xFF, 0x7F]), (32767, [0xC9, 0x7F, 0xFF]),
            (32768, [0xCA, 0x00, 0x00, 0x80, 0x00]), (-32769, [0xCA, 0xFF, 0xFF, 0x7F, 0xFF]),
            (2_147_483_648, [0xCB, 0, 0, 0, 0, 0x80, 0, 0, 0]),
            (Int64.min, [0xCB, 0x80, 0, 0, 0, 0, 0, 0, 0]), (Int64.max, [0xCB, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        ]
        for (value, bytes) in cases {
            #expect(PackStreamEncoder.encode(.int(value)) == bytes, "\(value)")
            #expect(try PackStreamDecoder.decode(bytes) == .int(value))
        }
    }

    @Test("every kind of value round-trips, with size markers at their boundaries")
    func roundTrips() throws {
        var values: [PackValue] = [
            .null, true, false, 1.5, .float(-0.0), .float(.infinity), .float(.greatestFiniteMagnitude), .bytes([]),
            .bytes([1, 2, 3]), .bytes(Array(repeating: 7, count: 256)), .bytes(Array(repeating: 9, count: 70_000)), "",
            "héllo wörld ✓", [], [1, "two", [3.0, nil]], [:], ["a": 1, "b": ["c": [true]]],
            .structure(tag: 0x4E, fields: [1, ["Label"], ["k": "v"], "4:ignitabull:1"]),
            .structure(tag: 0x44, fields: []),
        ]
        for n in [15, 16, 255, 256, 65_535, 65_536] {
            values.append(.string(String(repeating: "x", count: n)))
            values.append(.list(Array(repeating: .int(1), count: n)))
        }
        for n in [15, 16, 255, 256, 65_536] {
            values.append(.map((0 ..< n).map { ("k\($0)", .int(Int64($0))) }))
        }
        for v in values {
            #expect(try PackStreamDecoder.decode(PackStreamEncoder.encode(v)) == v)
        }
        // Markers: tiny string, 8-bit string size, tiny list, 16-bit map size, structure.
        #expect(PackStreamEncoder.encode("a") == [0x81, 0x61])
        #expect(PackStreamEncoder.encode(.string(String(repeating: "x", count: 16))).prefix(2) == [0xD0, 16])
        #expect(PackStreamEncoder.encode([1, 2]) == [0x92, 1, 2])
        #expect(PackStreamEncoder.encode(.map((0 ..< 256).map { ("k\($0)", .null) })).prefix(3) == [0xD9, 0x01, 0x00])
        #expect(PackStreamEncoder.encode(.structure(tag: 0x44, fields: [1])) == [0xB1, 0x44, 0x01])
        #expect(PackStreamEncoder.encode(1.1) == [0xC1, 0x3F, 0xF1, 0x99, 0x99, 0x99, 0x99, 0x99, 0x9A])
    }

    @Test("malformed input is refused with a protocol error, never a crash")
    func malformed() {
        let bad: [[UInt8]] = [
            [], [0xC9, 0x01], [0x85, 0x61], [0xD0], [0xD6, 0xFF, 0xFF, 0xFF, 0xFF], [0xDA, 0x7F, 0xFF, 0xFF, 0xFF],
            [0xC4], [0xE0], [0xA1, 0x01, 0x01], [0x82, 0xFF, 0xFE], [0xB1], [0x01, 0x02],
            Array(repeating: 0x91, count: 1000) + [0x01],
        ]
        for bytes in bad {
            #expect(throws: BoltError.self, "\(bytes.prefix(8))") { try PackStreamDecoder.decode(bytes) }
            do {
                _ = try PackStreamDecoder.decode(bytes)
            } catch {
                #expect(error.closesConnection)
            }
        }
    }

    @Test("a duplicate map key keeps the last value")
    func duplicateKeys() throws {
        #expect(try PackStreamDecoder.decode([0xA2, 0x81, 0x61, 0x01, 0x81, 0x61, 0x02]) == ["a": 2])
    }
}

@Suite("Bolt framing and handshake")
struct FramingTests {
    @Test("messages split across reads, spanning several chunks, and keep-alives")
    func chunks() throws {
        let small = PackStreamEncoder.encode(.structure(tag: 0x0F, fields: []))
        let big = PackStreamEncoder.encode(.string(String(repeating: "y", count: 150_000)))
        let framed = ChunkFramer.frame(small) + [0, 0] + ChunkFramer.frame(big) + ChunkFramer.frame(small)
        #expect(ChunkFramer.frame(big).count == big.count + 3 * 2 + 2)  // three chunks and the end marker
        for step in [1, 7, 65_537, framed.count] {
            var framer = ChunkFramer()
            var messages: [[UInt8]] = []
            var i = 0
            while i < framed.count {
                messages += try framer.feed(framed[i ..< min(i + step, framed.count)])
                i += step
            }
            #expect(messages == [small, big, small], "step \(step)")
            #expect(framer.pendingBytes == 0)
        }
        var partial = ChunkFramer()
        #expect(try partial.feed(framed.prefix(5)).isEmpty)
        #expect(partial.pendingBytes > 0)
    }

    @Test("a message larger than the limit is refused")
    func oversized() {
        var framer = ChunkFramer(maxMessageBytes: 1000)
        let framed = ChunkFramer.frame(Array(repeating: 0x01, count: 1001))
        #expect(throws: BoltError.self) { try framer.feed(framed) }
    }

    @Test("version negotiation with ranges, in the client's order")
    func negotiate() throws {
        let magic = BoltVersion.magic
        // The proposals of the Python driver 6: manifest v1, 5.8–5.0, 4.4–4.2, 3.0.
        let python: [UInt8] = magic + [0, 0, 1, 0xFF, 0, 8, 8, 5, 0, 2, 4, 4, 0, 0, 0, 3]
        #expect(try BoltVersion.negotiate(python) == BoltVersion(5, 8))
        #expect(try BoltVersion.negotiate(magic + [0, 0, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) == BoltVersion(5, 4))
        #expect(try BoltVersion.negotiate(magic + [0, 2, 4, 4] + [UInt8](repeating: 0, count: 12)) == BoltVersion(4, 4))
        #expect(try BoltVersion.negotiate(magic + [0, 0, 0, 3] + [UInt8](repeating: 0, count: 12)) == nil)
        #expect(BoltVersion.response(BoltVersion(5, 8)) == [0, 0, 8, 5])
        #expect(BoltVersion.response(nil) == [0, 0, 0, 0])
        #expect(throws: BoltError.self) { try BoltVersion.negotiate([0x47, 0x45, 0x54, 0x20] + [UInt8](repeating: 0, count: 16)) }
        #expect(throws: BoltError.self) { try BoltVersion.negotiate(magic) }
    }
}
