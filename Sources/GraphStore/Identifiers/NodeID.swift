/// A node's dense internal id. Ids are assigned in creation order from 0 and are never reused
/// within a store, so a deleted node leaves a hole rather than a recycled id.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }

    /// The id as an array index.
    @inlinable public var index: Int { Int(rawValue) }

    @inlinable public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "n\(rawValue)" }
}
