/// The two adjacency lists of one relationship type.
public struct TypeAdjacency: Sendable {
    public internal(set) var outgoing = AdjacencyList()
    public internal(set) var incoming = AdjacencyList()

    public init() {}

    @inlinable
    public func list(_ direction: Direction) -> AdjacencyList {
        direction == .incoming ? incoming : outgoing
    }
}
