import CypherRuntime
import Engine
import Synchronization

/// Which statement texts are cheap enough to run on the request's own thread instead of a statement thread.
///
/// Handing a statement to a statement thread and its result back costs two thread wake-ups, tens of
/// microseconds each on a small machine: as much as `RETURN 1`, a key lookup or a vector query take. Holding
/// the request's thread (its event loop) for up to `cheap` costs other connections on that loop no more than
/// the statement costs the machine's cores anyway. A text qualifies after `qualifyingRuns` runs in a row, each under `cheap`, if it only reads
/// (`Database.access(of:)`, asked once per text); a run over `cheap` starts the count again, and an inline run
/// that reaches `overrun` is stopped there (and run again on a statement thread, `StatementRunner.query`) and
/// disqualifies the text for good, so a statement whose cost depends on its parameters holds a request thread
/// that long at most once. At most `capacity` texts are remembered; when full, the table
/// starts afresh.
final class CheapStatements: Sendable {
    static let cheap: Duration = .milliseconds(1)
    static let overrun: Duration = .milliseconds(4)
    static let qualifyingRuns = 3
    static let capacity = 2048

    /// Whether the current request runs on its connection's event loop (`LoopBoundHTTP1Channel` sets it). Only
    /// there does a cheap statement run inline: a router driven in process (tests) runs its handlers on Swift's
    /// cooperative pool, two threads that every concurrent task shares, where statement threads are kinder.
    @TaskLocal static var onEventLoop = false

    private struct Entry {
        var cheapRuns = 0
        var readOnly: Bool?
        var disqualified = false
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Whether `text` may run inline now; classifies it (parse and check) the first time it qualifies, the only
    /// time `parameters` is evaluated.
    func mayInline(_ text: String, parameters: @autoclosure () -> Set<String>, database: Database) -> Bool {
        let state = entries.withLock { e -> (qualifies: Bool, readOnly: Bool?) in
            guard let entry = e[text], !entry.disqualified, entry.cheapRuns >= Self.qualifyingRuns else { return (false, nil) }
            return (true, entry.readOnly)
        }
        guard state.qualifies else { return false }
        if let readOnly = state.readOnly { return readOnly }
        let readOnly = (try? database.access(of: text, parameters: parameters())) == .read
        entries.withLock { e in
            e[text]?.readOnly = readOnly
            if !readOnly { e[text]?.disqualified = true }
        }
        return readOnly
    }

    /// Never runs `text` inline again (an inline run was stopped at `overrun`).
    func disqualify(_ text: String) {
        entries.withLock { $0[text, default: Entry()].disqualified = true }
    }

    /// Records one run of `text` that took `elapsed` (`inline`: on the request's thread).
    func record(_ text: String, elapsed: Duration, inline: Bool) {
        entries.withLock { e in
            if e[text] == nil && e.count >= Self.capacity { e.removeAll(keepingCapacity: true) }
            var entry = e[text, default: Entry()]
            if inline && elapsed > Self.overrun { entry.disqualified = true }
            entry.cheapRuns = elapsed <= Self.cheap ? entry.cheapRuns + 1 : 0
            e[text] = entry
        }
    }
}
