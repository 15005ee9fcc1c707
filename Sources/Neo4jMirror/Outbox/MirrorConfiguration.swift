/// Settings of a ``Neo4jMirror``.
public struct MirrorConfiguration: Sendable {
    /// The name the cursor is kept under in the data directory (one cursor per target).
    public var consumer: String
    /// How mirrored entities are keyed on the target.
    public var key = MirrorKey()
    /// The most mutations folded into one batch (one cursor step); a single larger transaction is
    /// still one batch.
    public var maxMutationsPerBatch = 20_000
    /// The most rows in one request (one target transaction).
    public var maxRowsPerRequest = 5_000
    /// How often a following mirror looks for new log entries.
    public var pollInterval: Duration = .milliseconds(100)
    /// The first retry waits about this long; each further one twice as long, up to ``maxBackoff``.
    public var initialBackoff: Duration = .milliseconds(100)
    public var maxBackoff: Duration = .seconds(30)
    /// Attempts of one request before a transient error is given up as permanent (nil: never give up).
    public var maxAttempts: Int?

    public init(consumer: String) { self.consumer = consumer }

    /// The consumer name for a target: its endpoint, so that mirrors to two targets keep two cursors.
    public static func consumerName(url: String, database: String) -> String {
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        return "neo4j-mirror " + base + "/db/" + database
    }
}
