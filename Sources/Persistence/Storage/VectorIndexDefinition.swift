/// A stored vector index: which node property it covers and which file holds it.
///
/// The index data itself lives in `file`, `indexes/<fileID>.ivf` relative to the data directory,
/// written by the engine with the index's own checksummed format. The file is named by an
/// internal number that the storage hands out (`GraphStorage.reserveVectorIndexFile()`), never
/// by the index's name, so no name a client chooses can reach a path. `sequence` is the
/// mutation-log sequence the file is current to, so that on open the engine replays only the
/// later log entries into it.
public struct VectorIndexDefinition: Sendable, Hashable {
    public var name: String
    public var label: String
    public var property: String
    public var dimensions: Int
    public var similarity: String
    public var lists: Int
    /// The number in the file's name; 0 until the storage assigns one.
    public var fileID: Int64
    public var sequence: Int64

    /// The index file, relative to the data directory.
    public var file: String { Self.fileName(fileID) }

    static func fileName(_ id: Int64) -> String { "indexes/\(id).ivf" }

    public init(
        name: String, label: String, property: String, dimensions: Int, similarity: String = "cosine", lists: Int,
        fileID: Int64 = 0, sequence: Int64
    ) {
        self.name = name
        self.label = label
        self.property = property
        self.dimensions = dimensions
        self.similarity = similarity
        self.lists = lists
        self.fileID = fileID
        self.sequence = sequence
    }
}
