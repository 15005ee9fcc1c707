import Access
import Engine
import Foundation
import GraphStore
import Hummingbird
import Persistence

/// Maintenance without downtime, for admins when access control is on:
/// - `POST /db/{db}/backup`: an online backup while the server keeps serving and writing, with SQLite's backup
///   API through a read connection of its own. The copy is one consistent state of the graph. It goes into a new
///   directory under the server's backup directory (`serve --backup-dir`), named by the server from the time and
///   the log sequence: nothing in the request becomes a path.
/// - `POST /db/{db}/check`: what `ignitabull check` verifies (`Database.check()`), on the live database.
struct MaintenanceRoutes: Sendable {
    let scopes: DatabaseScopes
    let directory: String?

    func register(on group: RouterGroup<ServerRequestContext>) {
        group.post("backup") { _, context -> Response in try await backup(context) }
        group.post("check") { _, context -> Response in try await check(context) }
    }

    private func check(_ context: ServerRequestContext) async throws -> Response {
        let scope = try scopes.scope(context)
        try context.requireAdmin("run a check", on: scope.name)
        let database = scope.database
        let (problems, nodes, relationships, sequence) = try await BlockingWork.run {
            let problems = try database.check()
            let s = database.graph.snapshot
            return (problems, s.nodeCount, s.relationshipCount, database.storage?.lastSequence ?? 0)
        }
        let body: JSON = [
            "ok": .bool(problems.isEmpty), "problems": .array(problems.map(JSON.string)),
            "nodes": .int(Int64(nodes)), "relationships": .int(Int64(relationships)), "sequence": .int(sequence),
        ]
        return body.response()
    }

    private func backup(_ context: ServerRequestContext) async throws -> Response {
        let scope = try scopes.scope(context)
        try context.requireAdmin("take a backup", on: scope.name)
        let name = scope.name
        guard let storage = scope.database.storage, let directory else {
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
            let path = directory + "/\(name)-\(stamp)-\(before)"
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

extension MaintenanceRoutes: DocumentedRoutes {
    static var openAPIPaths: [(String, JSON)] {
        typealias D = OpenAPIDocument
        return [
            ("/db/{db}/backup", ["post": D.operation(
                "An online backup into the server's backup directory (admins; the server names the directory)", tag: "operations",
                parameters: [D.dbParameter],
                responses: [("200", D.json(["type": "object", "properties": [
                    "path": ["type": "string"], "sequenceAtStart": ["type": "integer"], "sequenceAtEnd": ["type": "integer"],
                    "seconds": ["type": "number"],
                ]])), D.notAnAdmin, ("404", D.json(D.ref("Error"), "Unknown database, or no backup directory"))])]),
            ("/db/{db}/check", ["post": D.operation(
                "What `ignitabull check` verifies, on the live database (admins)", tag: "operations",
                parameters: [D.dbParameter],
                responses: [("200", D.json(["type": "object", "properties": [
                    "ok": ["type": "boolean"], "problems": ["type": "array", "items": ["type": "string"]],
                    "nodes": ["type": "integer"], "relationships": ["type": "integer"], "sequence": ["type": "integer"],
                ]])), D.notAnAdmin, D.unknownDatabase])]),
        ]
    }
}
