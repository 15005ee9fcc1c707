import Engine
import GraphStore
import Testing
import TestSupport

/// Property maps of every in-memory form (in the map's 16 bytes, one byte array, an entry array) written with a
/// stranger's values, read back after a reopen and after property updates that move a map between forms.
@Suite struct PropertyEncodingTests {
    static let values: [PropertyValue] = [
        .bool(true), .bool(false), .int(0), .int(-1), .int(Int64.max), .int(Int64.min), .int(1_300_000_000),
        .double(0), .double(-0.0), .double(.infinity), .double(-.infinity), .double(1e-310), .double(6.36),
        .string(""), .string("é"), .string("日本語"), .string("C123456"), .string(String(repeating: "x", count: 15)),
        .string(String(repeating: "y", count: 16)), .string("WHITE HANGING HEART T-LIGHT HOLDER"),
        .list([.int(1), .string("two")]), .vector([0.5, -1]), .map(["k": .bool(true)]),
    ]

    /// Maps of one to four of the values above, under keys that straddle the one-byte key head (31).
    static func maps(_ keys: [String]) -> [[String: PropertyValue]] {
        var rng = SplitMix64(seed: 7)
        return (0..<300).map { _ in
            var m: [String: PropertyValue] = [:]
            for _ in 0..<Int(1 + rng.next() % 4) {
                m[keys[Int(rng.next() % UInt64(keys.count))]] = values[Int(rng.next() % UInt64(values.count))]
            }
            return m
        }
    }

    @Test func everyFormSurvivesAReopenAndUpdates() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        // 40 keys, so that tokens above 31 (a head byte and a varint) are used too.
        let keys = (0..<40).map { "k\($0)" }
        let nodeMaps = Self.maps(keys), relMaps = Self.maps(keys.reversed())
        var expected: GraphSnapshot
        do {
            let db = try Database(directory: dir)
            try db.graph.write { txn in
                let nodes = try nodeMaps.map { try txn.createNode(labels: ["N"], properties: $0) }
                for (i, m) in relMaps.enumerated() {
                    try txn.createRelationship(from: nodes[i], to: nodes[(i + 1) % nodes.count], type: "R", properties: m)
                }
            }
            // Updates that grow a small map past 15 bytes, shrink a large one, and drop keys.
            try db.graph.write { txn in
                for i in stride(from: 0, to: nodeMaps.count, by: 3) {
                    try txn.setProperty(NodeID(UInt32(i)), "k35", .string("grown past fifteen bytes"))
                    try txn.setProperty(NodeID(UInt32(i + 1)), "k0", .int(7))
                    try txn.removeProperty(NodeID(UInt32(i + 2)), keys[i % keys.count])
                }
            }
            expected = db.graph.snapshot
        }
        let s = try Database(directory: dir).graph.snapshot
        for n in 0..<expected.nodeIDLimit {
            #expect(Self.same(s.propertyDictionary(of: NodeID(n)), expected.propertyDictionary(of: NodeID(n))))
            #expect(s.properties(of: NodeID(n)).count == expected.properties(of: NodeID(n)).count)
        }
        for r in 0..<UInt32(expected.relationshipIDLimit) {
            #expect(s.properties(of: RelationshipID(r)).count == relMaps[Int(r)].count)
            for (k, v) in relMaps[Int(r)] {
                #expect(Self.same(s.property(RelationshipID(r), s.catalog.propertyKey(k)!), v), "relationship \(r) \(k)")
            }
        }
        #expect(s.propertyDictionary(of: NodeID(0))["k35"] == "grown past fifteen bytes")
        #expect(s.propertyDictionary(of: NodeID(1))["k0"] == .int(7))
    }

    static func same(_ a: PropertyValue?, _ b: PropertyValue?) -> Bool {
        if case .double(let x)? = a, case .double(let y)? = b { return x.bitPattern == y.bitPattern }
        return a == b
    }

    static func same(_ a: [String: PropertyValue], _ b: [String: PropertyValue]) -> Bool {
        a.count == b.count && a.allSatisfy { same($0.value, b[$0.key]) }
    }
}
