extension PropertyMap {
    /// The value under `key`, or `nil` when absent. Setting `nil` or `.null` removes the key.
    /// - Complexity: O(encoded bytes) for a map of short scalars, O(log n) in n entries otherwise.
    public subscript(key: PropertyKeyID) -> PropertyValue? {
        get {
            switch storage {
            case .inline(let b): return withUnsafeBytes(of: b) { PropertyBytes.value(of: key, in: $0) }
            case .encoded(let e): return e.withUnsafeBytes { PropertyBytes.value(of: key, in: $0) }
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
}

extension PropertyMap: Sequence {
    /// Walks the entries in key order, decoding an inline map as it goes.
    public struct Iterator: IteratorProtocol {
        var bytes: PropertyCursor?
        var array: IndexingIterator<[PropertyEntry]>?

        public mutating func next() -> PropertyEntry? {
            if bytes != nil { return bytes!.next() }
            return array?.next()
        }
    }

    public func makeIterator() -> Iterator {
        switch storage {
        case .inline(let b): Iterator(bytes: PropertyCursor(.inline(b)), array: nil)
        case .encoded(let e): Iterator(bytes: PropertyCursor(.encoded(e)), array: nil)
        case .array(let a): Iterator(bytes: nil, array: a.makeIterator())
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
