public import GraphStore
import Recommend

/// What a recommendation or similarity result depends on: the graph snapshot it read, the
/// recommender model it scored with and the state of the vector indexes. Two equal versions give
/// the same answer to the same request, so a result tagged with one can be served again while the
/// version is current.
///
/// Take the version *before* computing: anything that changes meanwhile moves the current
/// version on, so a result is never tagged newer than the state it saw.
public struct ResultVersion: Hashable, Sendable {
    public var graph: UInt64
    public var model: UInt64?
    public var vectorIndexes: UInt64

    public init(graph: UInt64, model: UInt64?, vectorIndexes: UInt64) {
        self.graph = graph
        self.model = model
        self.vectorIndexes = vectorIndexes
    }
}

extension Database {
    /// The version of results computed from `snapshot` now.
    public func resultVersion(of snapshot: GraphSnapshot) -> ResultVersion {
        ResultVersion(
            graph: snapshot.version, model: recommenderCache.modelVersion, vectorIndexes: vectorIndexes.generation)
    }
}
