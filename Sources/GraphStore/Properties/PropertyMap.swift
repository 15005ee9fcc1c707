/// One key/value pair of a `PropertyMap`.
public struct PropertyEntry: Sendable, Hashable {
    public var key: PropertyKeyID
    public var value: PropertyValue

    @inlinable public init(key: PropertyKeyID, value: PropertyValue) {
        self.key = key
        self.value = value
    }
}

/// The properties of one node or relationship, sorted by key token. Setting a key to `.null`
/// removes it, as in Cypher.
///
/// A map of scalars (`PropertyBytes`) whose encoding takes 15 bytes or less (a purchase's quantity and
/// timestamp, a score, a short id) is kept in the map's own 16 bytes with no allocation
/// (`InlineProperties`); a longer one in one byte array; a map holding a list, a map, a vector or a string
/// longer than 15 bytes is a sorted array of entries. Which form a map takes follows from its entries
/// alone, and none shows through the interface.
public struct PropertyMap: Sendable {
    @usableFromInline enum Storage: Sendable {
        case inline(InlineProperties)
        case encoded([UInt8])
        case array([PropertyEntry])
    }

    @usableFromInline var storage: Storage

    public init() { storage = .inline(InlineProperties()) }

    /// Builds a map from pairs; later duplicates win and `.null` values are dropped.
    /// - Complexity: O(n) when the pairs are already sorted by key without duplicates or nulls
    ///   (as storage and importers produce them), O(n²) in the worst case otherwise.
    public init(_ pairs: [PropertyEntry]) {
        var ordered = true
        for i in pairs.indices where pairs[i].value.isNull || (i > 0 && !(pairs[i - 1].key < pairs[i].key)) {
            ordered = false
            break
        }
        if ordered {
            self.init(sorted: pairs)
            return
        }
        var entries: [PropertyEntry] = []
        entries.reserveCapacity(pairs.count)
        for p in pairs { Self.set(p.key, p.value, in: &entries) }
        self.init(sorted: entries)
    }

    /// A map of entries already sorted by key, without duplicates or nulls: inline when they fit.
    init(sorted entries: [PropertyEntry]) {
        switch PropertyBytes.size(of: entries) {
        case let size? where size <= InlineProperties.capacity: storage = .inline(InlineProperties(encoding: entries))
        case let size?: storage = .encoded(PropertyBytes.encode(entries, size: size))
        case nil: storage = .array(entries)
        }
    }

    public var isEmpty: Bool { count == 0 }

    public var count: Int { withEncodedBytes { Int($0[0]) } ?? arrayCount }

    private var arrayCount: Int { if case .array(let a) = storage { a.count } else { 0 } }

    /// Calls `body` with the encoded entries (`PropertyBytes`) of an inline or encoded map; nil for an entry array.
    func withEncodedBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R? {
        switch storage {
        case .inline(let b): withUnsafeBytes(of: b, body)
        case .encoded(let e): e.withUnsafeBytes(body)
        case .array: nil
        }
    }

    /// The entries in key order, as an array (iterating the map itself allocates nothing).
    public var entries: [PropertyEntry] {
        switch storage {
        case .inline, .encoded: Array(self)
        case .array(let a): a
        }
    }
}
