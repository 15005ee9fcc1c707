/// Where mirrored statements go. ``Neo4jHTTPTarget`` is the real one; a test can run the
/// statements on an in-memory graph instead.
public protocol MirrorTarget: Sendable {
    /// Runs `statements` in one transaction on the target (all or nothing).
    /// - Throws: `MirrorError`, with ``MirrorError/isTransient`` set when a retry may succeed.
    func run(_ statements: [MirrorStatement]) throws(MirrorError)
}
