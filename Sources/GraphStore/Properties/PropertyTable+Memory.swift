extension PropertyTable {
    /// Bytes held by the table: map pages at their capacity and the maps' heap blocks, packed pages' columns
    /// and the maps written beside them.
    public var allocatedBytes: Int {
        var bytes = pages.capacity * 8
        for page in pages {
            if let packed = page.packed {
                bytes += packed.allocatedBytes + page.changed.capacity * (2 + MemoryLayout<PropertyMap>.stride)
                for map in page.changed.values { bytes += map.heapBytes }
            } else {
                bytes += 32 + page.maps.capacity * MemoryLayout<PropertyMap>.stride
                for map in page.maps { bytes += map.heapBytes }
            }
        }
        return bytes
    }

    /// Full pages, and how many of them are packed (for `stats`).
    public var packedPages: (packed: Int, full: Int) {
        var packed = 0
        for page in pages where page.packed != nil { packed += 1 }
        return (packed, count >> PageGeometry.shift)
    }
}
