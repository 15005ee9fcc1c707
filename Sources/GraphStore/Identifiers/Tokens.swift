/// Interned names. The graph stores small integer tokens instead of strings for labels,
/// relationship types and property keys; `Catalog` maps between the two.

/// A node label's token.
public struct LabelID: Hashable, Sendable {
    public let rawValue: UInt16
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public var index: Int { Int(rawValue) }
}

/// A relationship type's token.
public struct RelationshipTypeID: Hashable, Sendable {
    public let rawValue: UInt16
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    @inlinable public var index: Int { Int(rawValue) }
}

/// A property key's token.
public struct PropertyKeyID: Hashable, Comparable, Sendable {
    public let rawValue: UInt32
    @inlinable public init(_ rawValue: UInt32) { self.rawValue = rawValue }
    @inlinable public static func < (lhs: PropertyKeyID, rhs: PropertyKeyID) -> Bool { lhs.rawValue < rhs.rawValue }
}
