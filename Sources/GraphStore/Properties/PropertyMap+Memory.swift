extension PropertyMap {
    /// Bytes allocated for the map beyond its 16 (an estimate for memory reports: a heap block of header and
    /// elements, and a string's own storage when it is longer than 15 bytes).
    var heapBytes: Int {
        switch storage {
        case .inline: 0
        case .encoded(let e): 32 + e.capacity
        case .array(let a): 32 + a.capacity * MemoryLayout<PropertyEntry>.stride + a.reduce(0) { $0 + $1.value.heapBytes }
        }
    }
}

extension PropertyValue {
    /// Bytes allocated for the value beyond its inline size (an estimate for memory reports).
    var heapBytes: Int {
        switch self {
        case .string(let s): s.utf8.count > 15 ? 32 + s.utf8.count : 0
        case .list(let l): 32 + l.count * MemoryLayout<PropertyValue>.stride + l.reduce(0) { $0 + $1.heapBytes }
        case .map(let m): 64 + m.count * 48 + m.values.reduce(0) { $0 + $1.heapBytes }
        case .vector(let f): 32 + f.count * 4
        default: 0
        }
    }
}
