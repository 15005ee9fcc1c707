import GraphStore
import Testing
import TestSupport

/// `PropertyMap` against a dictionary oracle: small maps live in the map's own 16 bytes and larger ones in an
/// array, and no sequence of writes may tell the two apart.
@Suite struct PropertyMapTests {
    /// Values around every boundary of the inline encoding: varint lengths, extreme integers, float bit
    /// patterns, empty, multi-byte and 13-to-16-byte strings, and types that are never inline.
    static func value(_ rng: inout SplitMix64) -> PropertyValue {
        switch rng.next() % 14 {
        case 0: .bool(rng.next() & 1 == 0)
        case 1: .int([0, 1, -1, 63, -64, 64, 127, 128, Int64.max, Int64.min, 1_300_000_000][Int(rng.next() % 11)])
        case 2, 3: .int(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64))
        case 4: .double([0.0, -0.0, .nan, .infinity, -.infinity, 1e-310, 0.1][Int(rng.next() % 7)])
        case 5: .double(Double(Int64(bitPattern: rng.next()) >> 12) / 1024)
        case 6: .string(["", "a", "é", "日本語", "C123456", "Spain", String(repeating: "x", count: 13)][Int(rng.next() % 7)])
        case 7: .string(String(repeating: "y", count: Int(rng.next() % 20)))
        case 8: .list([.int(1), .string("two")])
        case 9: .vector([0.5, -1])
        case 10: .map(["k": .int(3)])
        case 11: .null
        default: .int(Int64(rng.next() % 300))
        }
    }

    /// Equal, reading floats by their bits so that NaN matches itself.
    static func same(_ a: PropertyValue?, _ b: PropertyValue?) -> Bool {
        if case .double(let x)? = a, case .double(let y)? = b { return x.bitPattern == y.bitPattern }
        return a == b
    }

    @Test func writesAndReadsMatchADictionary() {
        var rng = SplitMix64(seed: 21)
        for _ in 0..<400 {
            var map = PropertyMap()
            var oracle: [UInt32: PropertyValue] = [:]
            for _ in 0..<Int(rng.next() % 12) {
                // Keys up to 39 cover the one-byte head (below 31) and the varint after it.
                let key = UInt32(rng.next() % 40)
                let v = Self.value(&rng)
                map[PropertyKeyID(key)] = v
                oracle[key] = v.isNull ? nil : v
                #expect(map.count == oracle.count)
                for k in UInt32(0)..<40 { #expect(Self.same(map[PropertyKeyID(k)], oracle[k])) }
                let sorted = oracle.sorted { $0.key < $1.key }
                #expect(map.map(\.key.rawValue) == sorted.map(\.key))
                #expect(zip(map, sorted).allSatisfy { Self.same($0.value, $1.value) })
                let rebuilt = PropertyMap(map.entries.reversed() + map.entries)
                if !map.contains(where: { if case .double(let d) = $0.value { d.isNaN } else { false } }) {
                    #expect(rebuilt == map && rebuilt.hashValue == map.hashValue)
                }
            }
        }
    }

    /// A purchase's quantity and timestamp take no allocation: the property memory of 10,000 such relationships
    /// is their tables' pages alone, 16 bytes a slot in pages of 4,096 (about 262 KB with the nodes' page),
    /// where an array per map adds at least 96 bytes each (over 1.2 MB).
    @Test func smallMapsTakeNoAllocation() throws {
        let store = GraphStore()
        try store.write { txn in
            let c = try txn.createNode(labels: ["Customer"], properties: ["id": "C123456"])
            let p = try txn.createNode(labels: ["Product"], properties: ["id": "P1"])
            for i in 0..<10_000 {
                try txn.createRelationship(
                    from: c, to: p, type: "PURCHASED",
                    properties: ["quantity": .int(Int64(i % 7)), "timestamp": .int(1_300_000_000 + Int64(i))])
            }
        }
        let s = store.snapshot
        #expect(s.relationships(of: NodeID(0), type: nil, direction: .outgoing).count == 10_000)
        #expect(s.statistics().memory.properties < 10_000 * 40)
        let timestamp = try #require(s.catalog.propertyKey("timestamp"))
        #expect(s.property(RelationshipID(9_999), timestamp) == .int(1_300_009_999))
    }

    /// A customer's id, country and age (19 encoded bytes) are one small byte array, not an array of three
    /// 32-byte entries: at most 64 bytes of heap each beyond the 16-byte slot (an entry array takes 128).
    @Test func largerMapsOfShortScalarsAreOneByteArray() throws {
        let store = GraphStore()
        try store.write { txn in
            for i in 0..<8_192 {
                try txn.createNode(
                    labels: ["Customer"], properties: ["id": .string("C\(100_000 + i)"), "country": "Spain", "age": .int(Int64(i % 80))])
            }
        }
        let s = store.snapshot
        #expect(s.statistics().memory.properties <= 8_192 * (16 + 64))
        let id = try #require(s.catalog.propertyKey("id")), age = try #require(s.catalog.propertyKey("age"))
        #expect(s.property(NodeID(8_191), id) == .string("C108191") && s.property(NodeID(8_191), age) == .int(31))
        #expect(s.propertyDictionary(of: NodeID(5)) == ["id": "C100005", "country": "Spain", "age": 5])
    }
}
