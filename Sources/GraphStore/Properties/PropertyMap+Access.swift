extension PropertyMap {
    /// The value under `key`, or `nil` when absent. Setting `nil` or `.null` removes the key.
    /// - Complexity: O(n) in the encoded bytes of an inline map, O(log n) otherwise.
    public subscript(key: PropertyKeyID) -> PropertyValue? {
        get {
            switch storage {
            case .inline(let b): return b.value(of: key)
            case .array(let a):
                let i = Self.position(of: key, in: a)
                return i < a.count && a[i].key == key ? a[i].value : nil
            }
        }
        set {
            var e = entries
            Self.set(key, newValue, in: &e)
            self = PropertyMap(sorted: e)
        }
    }

    static func set(_ key: PropertyKeyID, _ value: PropertyValue?, in entries: inout [PropertyEntry]) {
        let i = position(of: key, in: entries)
        let present = i < entries.count && entries[i].key == key
        switch (value, present) {
        case (.none, true), (.some(.null), true): entries.remove(at: i)
        case (.none, false), (.some(.null), false): break
        case (.some(let v), true): entries[i].value = v
        case (.some(let v), false): entries.insert(PropertyEntry(key: key, value: v), at: i)
        }
    }

    private static func position(of key: PropertyKeyID, in entries: [PropertyEntry]) -> Int {
        var lo = 0
        var hi = entries.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if entries[mid].key < key { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Heap bytes behind the map, for memory reports: nothing for an inline map.
    var heapEntries: [PropertyEntry]? {
        if case .array(let a) = storage { a } else { nil }
    }
}

extension PropertyMap: Sequence {
    /// Walks the entries in key order, decoding an inline map as it goes.
    public struct Iterator: IteratorProtocol {
        var inline: InlineProperties.Cursor?
        var array: IndexingIterator<[PropertyEntry]>?

        public mutating func next() -> PropertyEntry? {
            if inline != nil { return inline!.next() }
            return array?.next()
        }
    }

    public func makeIterator() -> Iterator {
        switch storage {
        case .inline(let b): Iterator(inline: b.cursor(), array: nil)
        case .array(let a): Iterator(inline: nil, array: a.makeIterator())
        }
    }

    public var underestimatedCount: Int { count }
}

extension PropertyMap: Hashable {
    public static func == (lhs: PropertyMap, rhs: PropertyMap) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for e in self { hasher.combine(e) }
    }
}
