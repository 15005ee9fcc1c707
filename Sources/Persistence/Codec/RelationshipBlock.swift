import GraphStore

/// Relationships on disk in blocks of ``size`` consecutive ids, one row of `relationship_blocks`
/// per block that holds any (block `b` covers ids `b * size ..< (b + 1) * size`).
///
/// A block is the number of relationships in it, then for each in id order: the gap to the
/// previous one's slot (varint, the first counted from slot −1), its type (varint), its source
/// and target as zigzag differences from the previous relationship's (the first from 0), and
/// its property map in ``PropertyCodec``'s encoding (self-delimiting). A purchase in the
/// comparison's 10M graph (a quantity and a timestamp) takes 17 bytes, about 18 with SQLite's pages,
/// against about 36 as a row of its own. Blocks of 32 are small enough that several share a 4 KiB
/// page (a 128-relationship block of 2.2 KB took a page alone, wasting nearly half of it) and that a
/// commit of one relationship rewrites about 550 bytes.
struct RelationshipBlockWriter {
    static let size = 32

    private var body = ByteWriter()
    private(set) var count = 0
    private var slot = -1
    private var source: Int64 = 0
    private var target: Int64 = 0

    var isEmpty: Bool { count == 0 }

    /// Appends a relationship; `slot` is its id's place in the block and must exceed the last one's.
    /// `properties` appends its encoded property map.
    mutating func append(
        slot: Int, type: Int64, source: Int64, target: Int64, properties: (inout ByteWriter) -> Void
    ) {
        precondition(slot > self.slot && slot < Self.size)
        body.varint(slot - self.slot - 1)
        body.varint(UInt64(type))
        body.signed(source &- self.source)
        body.signed(target &- self.target)
        properties(&body)
        (self.slot, self.source, self.target) = (slot, source, target)
        count += 1
    }

    /// The block's bytes: the count, then the entries.
    var bytes: [UInt8] {
        var w = ByteWriter()
        w.varint(count)
        w.bytes.append(contentsOf: body.bytes)
        return w.bytes
    }

    /// The block of `s`'s relationships with ids in block `block`, or nil when none of them exists.
    static func encode(block: Int, of s: GraphSnapshot) -> [UInt8]? {
        var w = RelationshipBlockWriter()
        let first = block * size
        for slot in 0..<size where first + slot < s.relationshipIDLimit {
            let r = RelationshipID(UInt32(first + slot))
            guard s.contains(r) else { continue }
            w.append(
                slot: slot, type: Int64(s.type(of: r).rawValue), source: Int64(s.source(of: r).rawValue),
                target: Int64(s.target(of: r).rawValue)
            ) { PropertyCodec.encode(s.properties(of: r), into: &$0) }
        }
        return w.isEmpty ? nil : w.bytes
    }
}

/// Reads a block ``RelationshipBlockWriter`` wrote. Every read is bounds-checked; a block that
/// is empty, short, has trailing bytes, or places a relationship outside its ids is `Malformed`.
enum RelationshipBlockReader {
    struct Entry {
        let id: Int64, type: Int64, source: Int64, target: Int64
        let properties: PropertyMap
    }

    /// Block `block`'s relationships in id order (their types, ends and property keys unchecked
    /// against the graph: that is the caller's part).
    static func read(_ bytes: UnsafeRawBufferPointer, block: Int64) throws(ByteReader.Malformed) -> [Entry] {
        let size = Int64(RelationshipBlockWriter.size)
        var r = ByteReader(bytes)
        let n = try r.varint()
        guard n >= 1, n <= UInt64(size) else { throw ByteReader.Malformed() }
        var out: [Entry] = []
        out.reserveCapacity(Int(n))
        var slot: Int64 = -1
        var source: Int64 = 0
        var target: Int64 = 0
        for _ in 0..<n {
            let gap = try r.varint()
            guard gap < UInt64(size), slot + Int64(gap) + 1 < size else { throw ByteReader.Malformed() }
            slot += Int64(gap) + 1
            let type = try r.varint()
            guard type <= UInt64(UInt16.max) else { throw ByteReader.Malformed() }
            source &+= try r.signed()
            target &+= try r.signed()
            out.append(Entry(
                id: block &* size &+ slot, type: Int64(type), source: source, target: target,
                properties: try PropertyCodec.decodeMap(&r)))
        }
        guard r.atEnd else { throw ByteReader.Malformed() }
        return out
    }
}
