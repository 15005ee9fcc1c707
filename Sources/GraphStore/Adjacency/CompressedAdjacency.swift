/// The immutable compressed-sparse-row base of one relationship type in one direction.
///
/// For each node `n` in `firstNode ..< firstNode + span`, its entries are positions
/// `offsets[n - firstNode] ..< offsets[n - firstNode + 1]`; each position holds the neighbour and the
/// relationship that leads there. Nodes outside the range have no entries, so a type used only by products
/// pays offsets only for the product id range.
///
/// Both columns are bit-packed (`BitPacked`):
/// - a neighbour as its difference from the smallest neighbour, in the bits the id range needs;
/// - a relationship as its difference from its position, less the smallest such difference. When
///   relationships were created in the list's order (an import sorted by source, seen from the source) that
///   difference is the same everywhere and takes no bits at all.
///
/// Memory: 4 bytes a node in range, plus a few bits to 8 bytes an entry. Shared by every snapshot that has not
/// compacted this list since.
public final class CompressedAdjacency: Sendable {
    public let firstNode: Int
    @usableFromInline let offsets: [UInt32]
    @usableFromInline let neighbors: BitPacked
    @usableFromInline let neighborBase: UInt32
    @usableFromInline let relationships: BitPacked
    /// Entry `i`'s relationship is `i + relationshipBase + relationships[i]`.
    @usableFromInline let relationshipBase: Int64

    /// An empty list.
    public static let empty = CompressedAdjacency(firstNode: 0, offsets: [0], neighbors: [], relationships: [])

    init(firstNode: Int, offsets: [UInt32], neighbors: [UInt32], relationships: [UInt32]) {
        precondition(!offsets.isEmpty && neighbors.count == relationships.count)
        self.firstNode = firstNode
        self.offsets = offsets
        let low = neighbors.min() ?? 0
        neighborBase = low
        self.neighbors = BitPacked(
            count: neighbors.count, width: BitPacked.width(for: UInt64((neighbors.max() ?? 0) - low))
        ) { UInt64(neighbors[$0] - low) }
        var lowShift = Int64.max
        var highShift = Int64.min
        for (i, r) in relationships.enumerated() {
            lowShift = min(lowShift, Int64(r) - Int64(i))
            highShift = max(highShift, Int64(r) - Int64(i))
        }
        relationshipBase = relationships.isEmpty ? 0 : lowShift
        let base = relationshipBase
        self.relationships = BitPacked(
            count: relationships.count, width: BitPacked.width(for: UInt64(max(0, highShift &- base)))
        ) { UInt64(Int64(relationships[$0]) - Int64($0) - base) }
    }

    /// The number of node slots covered.
    @inlinable public var span: Int { offsets.count - 1 }

    /// The number of entries (relationships in this direction).
    @inlinable public var entryCount: Int { Int(offsets[offsets.count - 1]) }

    /// The half-open range of `node`'s entries; empty when the node is outside the covered span.
    @inlinable
    func range(of node: Int) -> Range<Int> {
        let i = node &- firstNode
        guard i >= 0 && i < offsets.count - 1 else { return 0..<0 }
        return Int(offsets[i])..<Int(offsets[i + 1])
    }

    /// Calls `body` with a reader of the entries (valid only inside `body`).
    @inlinable
    func withEntries<R>(_ body: (Entries) throws -> R) rethrows -> R {
        try neighbors.withReader { n in
            try relationships.withReader { r in
                try body(Entries(neighbors: n, neighborBase: neighborBase, relationships: r, relationshipBase: relationshipBase))
            }
        }
    }

    /// Unpacks entries by position.
    @usableFromInline
    struct Entries {
        @usableFromInline let neighbors: BitPacked.Reader
        @usableFromInline let neighborBase: UInt32
        @usableFromInline let relationships: BitPacked.Reader
        @usableFromInline let relationshipBase: Int64

        @inlinable
        init(neighbors: BitPacked.Reader, neighborBase: UInt32, relationships: BitPacked.Reader, relationshipBase: Int64) {
            self.neighbors = neighbors
            self.neighborBase = neighborBase
            self.relationships = relationships
            self.relationshipBase = relationshipBase
        }

        @inlinable @inline(__always)
        func neighbor(_ i: Int) -> UInt32 { neighborBase &+ UInt32(truncatingIfNeeded: neighbors[i]) }

        @inlinable @inline(__always)
        func relationship(_ i: Int) -> UInt32 {
            UInt32(truncatingIfNeeded: Int64(i) &+ relationshipBase &+ Int64(bitPattern: relationships[i]))
        }
    }

    /// Bytes of the offsets and the two packed columns.
    public var allocatedBytes: Int {
        offsets.capacity * MemoryLayout<UInt32>.stride + neighbors.allocatedBytes + relationships.allocatedBytes
    }
}
