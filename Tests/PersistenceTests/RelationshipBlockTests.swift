import Engine
import Foundation
import GraphStore
@testable import Persistence
import Testing
import TestSupport

/// Relationships are stored in blocks of 32 ids (`relationship_blocks`): every write that
/// touches one writes its block again from the snapshot, an emptied block's row goes, and a
/// reopened graph equals the one written, whatever the writes were.
@Suite struct RelationshipBlockTests {
    static let values: [PropertyValue] = [
        .int(0), .int(-1), .int(.max), .int(.min), .double(-0.0), .double(2.5), .bool(true), .string(""),
        .string("fifteen bytes!!"), .string("a string of more than fifteen bytes, 東京"), .list([1, "x"]),
        .vector([0.5, -1]), .map(["k": true]),
    ]

    /// Every relationship of `expected` is in `s` with the same type, ends and properties.
    static func expectSame(_ s: GraphSnapshot, _ expected: GraphSnapshot, _ note: String = "") {
        #expect(s.relationshipCount == expected.relationshipCount, "\(note)")
        #expect(s.relationshipIDLimit == expected.relationshipIDLimit, "\(note)")
        for i in 0..<expected.relationshipIDLimit {
            let r = RelationshipID(UInt32(i))
            guard s.contains(r) == expected.contains(r) else {
                Issue.record("relationship \(i): present \(s.contains(r)), expected \(expected.contains(r)) \(note)")
                return
            }
            guard expected.contains(r) else { continue }
            #expect(s.typeName(of: r) == expected.typeName(of: r) && s.source(of: r) == expected.source(of: r)
                && s.target(of: r) == expected.target(of: r), "relationship \(i) \(note)")
            #expect(s.properties(of: r) == expected.properties(of: r), "relationship \(i) \(note)")
        }
        #expect(s.checkInvariants().isEmpty)
    }

    /// The rows of `relationship_blocks` in `dir`: each block number with its relationships' count.
    static func blockRows(_ dir: String) throws -> [Int64: Int] {
        let db = try SQLiteConnection(path: dir + "/graph.sqlite", create: false)
        defer { db.close() }
        let s = try db.prepare("SELECT block, data FROM relationship_blocks")
        var out: [Int64: Int] = [:]
        while try s.step() {
            let block = s.int(0)
            out[block] = try s.withBlob(1) { try RelationshipBlockReader.read($0, block: block).count }
        }
        return out
    }

    /// Forty transactions of random creates, property changes and deletes over 300 nodes in `dir`,
    /// emptying whole blocks on the way. - Returns: the graph they left.
    static func writeRandomly(_ dir: String, seed: UInt64) throws -> GraphSnapshot {
        var rng = SplitMix64(seed: seed)
        let db = try Database(directory: dir)
        try db.graph.write { txn in
            for i in 0..<300 { _ = try txn.createNode(labels: ["N"], properties: ["id": .int(Int64(i))]) }
        }
        for round in 0..<40 {
            try db.graph.write { txn in
                let s = txn.snapshot
                let live = (0..<s.relationshipIDLimit).map { RelationshipID(UInt32($0)) }.filter { s.contains($0) }
                for _ in 0..<Int.random(in: 0...(round == 0 ? 700 : 60), using: &rng) {
                    var props: [String: PropertyValue] = [:]
                    for k in ["a", "b", "c"] where Bool.random(using: &rng) {
                        props[k] = Self.values.randomElement(using: &rng)!
                    }
                    // Node 5 is deleted in round 30.
                    let ends = (0..<2).map { _ in UInt32.random(in: 0..<300, using: &rng) }.map { round > 30 && $0 == 5 ? 6 : $0 }
                    try txn.createRelationship(
                        from: NodeID(ends[0]), to: NodeID(ends[1]),
                        type: ["R", "S", "T"].randomElement(using: &rng)!, properties: props)
                }
                for r in live.shuffled(using: &rng).prefix(Int.random(in: 0...30, using: &rng)) {
                    if Bool.random(using: &rng) {
                        try txn.deleteRelationship(r)
                    } else {
                        try txn.setProperty(r, "b", Self.values.randomElement(using: &rng)!)
                    }
                }
                if round == 20 {
                    // Empties whole blocks: every relationship of the first two.
                    for i in 0..<(2 * RelationshipBlockWriter.size) where txn.snapshot.contains(RelationshipID(UInt32(i))) {
                        try txn.deleteRelationship(RelationshipID(UInt32(i)))
                    }
                }
                if round == 30 { try txn.deleteNode(NodeID(5), detach: true) }
            }
        }
        return db.graph.snapshot
    }

    /// The number of relationships in each block of `s` that holds any.
    static func liveBlocks(_ s: GraphSnapshot) -> [Int64: Int] {
        var live: [Int64: Int] = [:]
        for i in 0..<s.relationshipIDLimit where s.contains(RelationshipID(UInt32(i))) {
            live[Int64(i / RelationshipBlockWriter.size), default: 0] += 1
        }
        return live
    }

    @Test func randomWritesReopenAsWritten() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let expected = try Self.writeRandomly(dir, seed: 7)
        Self.expectSame(try Database(directory: dir, create: false).graph.snapshot, expected)
        // One row for each block that holds a relationship, holding exactly those.
        let live = Self.liveBlocks(expected)
        #expect(live[0] == nil && live[1] == nil && live.count >= 5)
        #expect(try Self.blockRows(dir) == live)
    }

    @Test func aBlockReadsBackAndEveryCutOrExtraByteIsRefused() throws {
        var w = RelationshipBlockWriter()
        let props = PropertyMap([PropertyEntry(key: PropertyKeyID(3), value: .int(1_722_416_117))])
        let last = RelationshipBlockWriter.size - 1
        for (slot, ends) in [(0, (5, 9)), (1, (5, 2)), (7, (4_000_000_000, 0)), (last, (0, 4_000_000_000))] {
            w.append(slot: slot, type: Int64(slot % 3), source: Int64(ends.0), target: Int64(ends.1)) {
                PropertyCodec.encode(props, into: &$0)
            }
        }
        let bytes = w.bytes
        let entries = try bytes.withUnsafeBytes { try RelationshipBlockReader.read($0, block: 9) }
        #expect(entries.map(\.id) == [0, 1, 7, last].map { Int64(9 * RelationshipBlockWriter.size + $0) })
        #expect(entries.map(\.source) == [5, 5, 4_000_000_000, 0] && entries.map(\.target) == [9, 2, 0, 4_000_000_000])
        #expect(entries.map(\.type) == [0, 1, 1, 1] && entries.allSatisfy { $0.properties == props })
        for cut in 0..<bytes.count {
            #expect(throws: ByteReader.Malformed.self) { try Array(bytes[..<cut]).withUnsafeBytes { try RelationshipBlockReader.read($0, block: 9) } }
        }
        #expect(throws: ByteReader.Malformed.self) { try (bytes + [0]).withUnsafeBytes { try RelationshipBlockReader.read($0, block: 9) } }
        // A slot past the block's end (slot 5, then a gap reaching `size`), no relationship, one too many.
        let size = UInt8(RelationshipBlockWriter.size)
        for bad: [UInt8] in [[2, 5, 0, 0, 0, 0, size - 6, 0, 0, 0, 0], [0], [size + 1]] {
            #expect(throws: ByteReader.Malformed.self) { try bad.withUnsafeBytes { try RelationshipBlockReader.read($0, block: 0) } }
        }
    }
}
