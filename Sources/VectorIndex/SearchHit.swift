/// External id of a vector. `VectorID.max` is reserved (it marks removed slots).
public typealias VectorID = UInt32

/// One search result: the vector's id and its cosine similarity to the query.
public struct SearchHit: Hashable, Sendable, CustomStringConvertible {
    /// The external id given at insert time.
    public var id: VectorID
    /// Cosine similarity in [-1, 1]; larger is closer.
    public var score: Float

    public init(id: VectorID, score: Float) {
        self.id = id
        self.score = score
    }

    public var description: String { "\(id):\(score)" }
}
