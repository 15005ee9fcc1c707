import Access
import Engine
import Foundation
import Hummingbird
import Persistence

/// `POST /db/{db}/backup`: an online backup while the server keeps serving and writing, with SQLite's backup
/// API through a read connection of its own. The copy is one consistent state of the graph. It goes into a new
/// directory under the server's backup directory (`serve --backup-dir`), named by the server from the time and
/// the log sequence: nothing in the request becomes a path. Admins only when access control is on.
struct BackupRoutes: Sendable {
    let database: Database
    let directory: String?

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("backup") { _, context -> Response in try await backup(context) }
    }

    private func backup(_ context: ServerRequestContext) async throws -> Response {
        try QueryServer.checkDatabase(context)
        if let p = context.principal, !p.roles.contains(.admin) {
            throw APIError(.forbidden, code: "Neo.ClientError.Security.Forbidden", "only an admin may take a backup")
        }
        guard let storage = database.storage, let directory else {
            throw APIError(
                .notFound, code: "BackupNotConfigured",
                "this server has no backup directory (serve with a data directory, or --backup-dir)")
        }
        let started = Date()
        let stamp = Self.stamp(started)
        let report: (path: String, before: Int64, after: Int64) = try await BlockingWork.run {
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw APIError(.internalServerError, code: "BackupFailed", "cannot create the backup directory")
            }
            let before = storage.lastSequence
            let path = directory + "/neo4j-\(stamp)-\(before)"
            try storage.backup(to: path)
            return (path, before, storage.lastSequence)
        }
        let body: JSON = [
            "path": .string(report.path),
            // The copy holds every commit up to a point between these two log sequences.
            "sequenceAtStart": .int(report.before), "sequenceAtEnd": .int(report.after),
            "seconds": .double(Date().timeIntervalSince(started)),
        ]
        return body.response()
    }

    /// `20261206T041500.123Z`: UTC, sortable, no characters a file system objects to.
    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss.SSS'Z'"
        return f.string(from: date)
    }
}
