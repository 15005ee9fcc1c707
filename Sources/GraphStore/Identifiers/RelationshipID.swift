/// A relationship's dense internal id, assigned in creation order and never reused.
public struct RelationshipID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32

    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public init(_ index: Int) { self.rawValue = UInt32(truncatingIfNeeded: index) }

    @inlinable public var index: Int { Int(rawValue) }

    @inlinable public static func < (lhs: RelationshipID, rhs: RelationshipID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "r\(rawValue)" }
}
