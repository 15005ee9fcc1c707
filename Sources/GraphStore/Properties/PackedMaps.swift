/// A page of property maps that all have one shape, kept as one column per key (`PackedColumn`).
///
/// A page packs when every map in it is either empty (a deleted relationship, or one created without
/// properties) or holds exactly the page's keys, each key with a value of one kind throughout (integer, float,
/// boolean, or a string of at most 15 bytes), and no map holds a list, a map, a vector or a longer string. A
/// purchase's quantity and timestamp then take a few bytes instead of a 16-byte map, and a customer's short id
/// and country a few more instead of a map and its heap block. Reads rebuild the same `PropertyMap` the page
/// was packed from; the page itself is never written (a write unpacks it, see `PropertyTable`).
@usableFromInline
final class PackedMaps: Sendable {
    let keys: [PropertyKeyID]
    let columns: [PackedColumn]
    /// One bit per element whose map is empty (no bits when none is).
    let empty: BitPacked
    let count: Int

    private init(keys: [PropertyKeyID], columns: [PackedColumn], empty: BitPacked, count: Int) {
        self.keys = keys
        self.columns = columns
        self.empty = empty
        self.count = count
    }

    /// Packs `maps`, or nil when they do not share one shape.
    static func pack(_ maps: ContiguousArray<PropertyMap>) -> PackedMaps? {
        guard let first = maps.first(where: { !$0.isEmpty }) else {
            return PackedMaps(keys: [], columns: [], empty: BitPacked([], width: 0), count: maps.count)
        }
        let shape = Array(first)
        guard packable(first) else { return nil }
        let keys = shape.map(\.key)
        var values = keys.map { _ in [PropertyValue]() }
        for c in values.indices { values[c].reserveCapacity(maps.count) }
        var emptyBits: [UInt64] = []
        var anyEmpty = false
        for map in maps {
            if map.isEmpty {
                anyEmpty = true
                emptyBits.append(1)
                for c in values.indices { values[c].append(shape[c].value) }
                continue
            }
            guard map.count == keys.count, packable(map) else { return nil }
            emptyBits.append(0)
            var c = 0
            for e in map {
                guard e.key == keys[c] else { return nil }
                values[c].append(e.value)
                c += 1
            }
        }
        var columns: [PackedColumn] = []
        for v in values {
            guard let column = PackedColumn.pack(v) else { return nil }
            columns.append(column)
        }
        return PackedMaps(
            keys: keys, columns: columns, empty: BitPacked(emptyBits, width: anyEmpty ? 1 : 0), count: maps.count)
    }

    /// Whether a map holds only scalars and short strings (an inline or encoded map).
    private static func packable(_ map: PropertyMap) -> Bool { map.withEncodedBytes { _ in true } ?? false }

    @usableFromInline
    func isEmpty(_ i: Int) -> Bool { keys.isEmpty || empty[i] != 0 }

    /// The value under `key` of element `i`.
    @usableFromInline
    func value(at i: Int, _ key: PropertyKeyID) -> PropertyValue? {
        keys.withUnsafeBufferPointer { k in
            for c in 0..<k.count where k[c] == key {
                return empty[i] != 0 ? nil : columns.withUnsafeBufferPointer { $0[c].value(at: i) }
            }
            return nil
        }
    }

    /// The map of element `i`, as it was packed.
    @usableFromInline
    func map(at i: Int) -> PropertyMap {
        guard !isEmpty(i) else { return PropertyMap() }
        var entries: [PropertyEntry] = []
        entries.reserveCapacity(keys.count)
        for c in keys.indices { entries.append(PropertyEntry(key: keys[c], value: columns[c].value(at: i))) }
        return PropertyMap(sorted: entries)
    }

    /// Every map, in order (for folding the maps written since into new columns).
    func unpacked() -> ContiguousArray<PropertyMap> {
        var out = ContiguousArray<PropertyMap>()
        out.reserveCapacity(PageGeometry.size)
        for i in 0..<count { out.append(map(at: i)) }
        return out
    }

    var allocatedBytes: Int {
        64 + keys.capacity * 4 + columns.reduce(0) { $0 + $1.allocatedBytes + 32 } + empty.allocatedBytes
    }
}
