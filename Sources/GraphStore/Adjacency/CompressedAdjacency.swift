/// The immutable compressed-sparse-row base of one relationship type in one direction.
///
/// For each node `n` in `firstNode ..< firstNode + span`, its entries are
/// `neighbors[offsets[n - firstNode] ..< offsets[n - firstNode + 1]]`, with the matching
/// relationship ids at the same positions of `relationships`. Nodes outside the range have
/// no entries, so a type used only by products pays offsets only for the product id range.
///
/// Memory: 8 bytes an entry (a 4-byte neighbour and a 4-byte relationship id) plus 4 bytes a
/// node in range. Shared by every snapshot that has not compacted this list since.
public final class CompressedAdjacency: Sendable {
    public let firstNode: Int
    @usableFromInline let offsets: [UInt32]
    @usableFromInline let neighbors: [UInt32]
    @usableFromInline let relationships: [UInt32]

    /// An empty list.
    public static let empty = CompressedAdjacency(firstNode: 0, offsets: [0], neighbors: [], relationships: [])

    init(firstNode: Int, offsets: [UInt32], neighbors: [UInt32], relationships: [UInt32]) {
        precondition(!offsets.isEmpty && neighbors.count == relationships.count)
        self.firstNode = firstNode
        self.offsets = offsets
        self.neighbors = neighbors
        self.relationships = relationships
    }

    /// The number of node slots covered.
    @inlinable public var span: Int { offsets.count - 1 }

    /// The number of entries (relationships in this direction).
    @inlinable public var entryCount: Int { neighbors.count }

    /// The half-open range of `node`'s entries; empty when the node is outside the covered span.
    @inlinable
    func range(of node: Int) -> Range<Int> {
        let i = node &- firstNode
        guard i >= 0 && i < offsets.count - 1 else { return 0..<0 }
        return Int(offsets[i])..<Int(offsets[i + 1])
    }

    /// Bytes of the three arrays.
    public var allocatedBytes: Int {
        (offsets.capacity + neighbors.capacity + relationships.capacity) * MemoryLayout<UInt32>.stride
    }
}
