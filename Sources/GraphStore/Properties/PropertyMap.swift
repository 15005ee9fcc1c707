/// One key/value pair of a `PropertyMap`.
public struct PropertyEntry: Sendable, Hashable {
    public var key: PropertyKeyID
    public var value: PropertyValue

    @inlinable public init(key: PropertyKeyID, value: PropertyValue) {
        self.key = key
        self.value = value
    }
}

/// The properties of one node or relationship: a small array kept sorted by key token.
///
/// Entities carry few properties, so a sorted inline array beats a hash table on both memory
/// and lookup time. Setting a key to `.null` removes it, as in Cypher.
public struct PropertyMap: Sendable, Hashable {
    public internal(set) var entries: [PropertyEntry]

    public init() { entries = [] }

    /// Builds a map from pairs; later duplicates win and `.null` values are dropped.
    /// - Complexity: O(n) when the pairs are already sorted by key without duplicates or nulls
    ///   (as storage and importers produce them), O(n²) in the worst case otherwise.
    public init(_ pairs: [PropertyEntry]) {
        var ordered = true
        for i in pairs.indices {
            if pairs[i].value.isNull || (i > 0 && !(pairs[i - 1].key < pairs[i].key)) {
                ordered = false
                break
            }
        }
        if ordered {
            entries = pairs
            return
        }
        entries = []
        entries.reserveCapacity(pairs.count)
        for p in pairs { self[p.key] = p.value }
    }

    @inlinable public var isEmpty: Bool { entries.isEmpty }
    @inlinable public var count: Int { entries.count }

    /// The value under `key`, or `nil` when absent.
    /// - Complexity: O(log n) in the number of properties.
    public subscript(key: PropertyKeyID) -> PropertyValue? {
        get {
            let i = position(of: key)
            return i < entries.count && entries[i].key == key ? entries[i].value : nil
        }
        set {
            let i = position(of: key)
            let present = i < entries.count && entries[i].key == key
            switch (newValue, present) {
            case (.none, true), (.some(.null), true): entries.remove(at: i)
            case (.none, false), (.some(.null), false): break
            case (.some(let v), true): entries[i].value = v
            case (.some(let v), false): entries.insert(PropertyEntry(key: key, value: v), at: i)
            }
        }
    }

    private func position(of key: PropertyKeyID) -> Int {
        var lo = 0
        var hi = entries.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if entries[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
