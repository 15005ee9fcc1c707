/// A small property map encoded in 15 bytes (`PropertyBytes`), so that a `PropertyMap` holding it needs
/// no allocation: a purchase's quantity and timestamp, a score, a short id.
public struct InlineProperties: Sendable {
    @usableFromInline var w0: UInt64 = 0
    @usableFromInline var w1: UInt32 = 0
    @usableFromInline var w2: UInt16 = 0
    @usableFromInline var w3: UInt8 = 0

    static let capacity = 15

    init() {}

    /// Encodes entries whose `PropertyBytes.size(of:)` is at most 15.
    init(encoding entries: [PropertyEntry]) {
        let written = withUnsafeMutableBytes(of: &self) { PropertyBytes.encode(entries, into: $0) }
        precondition(written != nil, "the entries do not fit in \(Self.capacity) bytes")
    }
}
