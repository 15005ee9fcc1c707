import Engine
import GraphStore
import Persistence

extension Neo4jMirror {
    /// Copies the whole graph to the target, then records the cursor at the log position the copy
    /// was taken at. The snapshot and its sequence are read under the graph's writer lock, so they
    /// match exactly; writers wait only for that moment. A sync interrupted before the cursor is
    /// written starts again from the beginning (its statements are idempotent). The log after the
    /// copy's sequence is pinned until the cursor is written, so compaction cannot remove what the
    /// mirror will read next.
    /// - Parameter progress: called with (entities delivered, entities in the snapshot).
    public func initialSync(progress: (@Sendable (Int, Int) -> Void)? = nil) throws(MirrorError) {
        let storage = self.storage
        let pinned: (snapshot: GraphSnapshot, sequence: Int64)
        do {
            pinned = try database.graph.write { txn in (txn.snapshot, storage.pinLog()) }
        } catch {
            throw MirrorError(.storage, "\(error)")
        }
        defer { storage.unpinLog(pinned.sequence) }
        let s = pinned.snapshot
        try deliver([configuration.key.constraintStatement])
        for statement in try planner.schemaPlan(snapshot: s) { try deliver([statement]) }
        let total = s.nodeCount + s.relationshipCount
        var done = 0
        var directory = MirrorPlanner.DirectoryChanges()
        let step = configuration.maxRowsPerRequest
        progress?(0, total)
        var start = 0
        while start < s.nodeIDLimit {
            let range = start..<min(s.nodeIDLimit, start + step)
            let plan = try planner.plan(snapshot: s, nodes: range, relationships: 0..<0)
            for request in MirrorPlanner.requests(plan.statements, maxRows: step) { try deliver(request) }
            done += plan.mutations
            progress?(done, total)
            start = range.upperBound
        }
        start = 0
        while start < s.relationshipIDLimit {
            let range = start..<min(s.relationshipIDLimit, start + step)
            let plan = try planner.plan(snapshot: s, nodes: 0..<0, relationships: range)
            for request in MirrorPlanner.requests(plan.statements, maxRows: step) { try deliver(request) }
            directory.added += plan.directory.added
            done += plan.mutations
            progress?(done, total)
            start = range.upperBound
        }
        try acknowledge(through: pinned.sequence, directory)
        statistics.delivered(batch: total)
    }
}
