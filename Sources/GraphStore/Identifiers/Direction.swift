/// Which end of a relationship a traversal follows, seen from the node it starts at.
public enum Direction: Sendable, Hashable, CaseIterable {
    /// Relationships that start at the node: `(n)-[]->(m)`.
    case outgoing
    /// Relationships that end at the node: `(n)<-[]-(m)`.
    case incoming
    /// Both. A self-loop is reported once for each direction.
    case both

    /// The direction seen from the other end.
    public var reversed: Direction {
        switch self {
        case .outgoing: .incoming
        case .incoming: .outgoing
        case .both: .both
        }
    }
}
