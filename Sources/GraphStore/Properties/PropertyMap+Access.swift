extension PropertyMap {
    /// The value under `key`, or `nil` when absent. Setting `nil` or `.null` removes the key.
    /// - Complexity: O(encoded bytes) for a map of short scalars, O(log n) in n entries otherwise.
    public subscript(key: PropertyKeyID) -> PropertyValue? {
        get {
            if let v = withEncodedBytes({ PropertyBytes.value(of: key, in: $0) }) { return v }
            guard case .array(let a) = storage else { return nil }
            let i = Self.position(of: key, in: a)
            return i < a.count && a[i].key == key ? a[i].value : nil
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
    /// Walks the entries in key order, decoding encoded ones as it goes.
    public struct Iterator: IteratorProtocol {
        let map: PropertyMap
        /// The next entry's byte offset (encoded maps) or index (entry arrays).
        var position: Int
        var remaining: Int

        public mutating func next() -> PropertyEntry? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let at = position
            if let (entry, end) = map.withEncodedBytes({ raw -> (PropertyEntry, Int) in
                var r = PropertyBytes.Reader(raw: raw, at: at)
                let (k, tag) = r.head()
                return (PropertyEntry(key: PropertyKeyID(k), value: r.value(tag)), r.offset)
            }) {
                position = end
                return entry
            }
            guard case .array(let a) = map.storage else { return nil }
            position += 1
            return a[at]
        }
    }

    public func makeIterator() -> Iterator {
        if case .array = storage { return Iterator(map: self, position: 0, remaining: count) }
        return Iterator(map: self, position: 1, remaining: count)
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
