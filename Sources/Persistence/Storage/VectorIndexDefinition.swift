/// A stored vector index: which node property it covers and where its trained file is.
///
/// The index data itself lives in `file` (relative to the data directory), written by the engine
/// with the index's own checksummed format; `sequence` is the mutation-log sequence the file is
/// current to, so that on open the engine replays only the later log entries into it.
public struct VectorIndexDefinition: Sendable, Hashable {
    public var name: String
    public var label: String
    public var property: String
    public var dimensions: Int
    public var similarity: String
    public var lists: Int
    public var file: String
    public var sequence: Int64

    public init(
        name: String, label: String, property: String, dimensions: Int, similarity: String = "cosine", lists: Int,
        file: String, sequence: Int64
    ) {
        self.name = name
        self.label = label
        self.property = property
        self.dimensions = dimensions
        self.similarity = similarity
        self.lists = lists
        self.file = file
        self.sequence = sequence
    }
}
