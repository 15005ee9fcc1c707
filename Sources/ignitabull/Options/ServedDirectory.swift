import CurlClient
import CypherRuntime
import Foundation
import QueryServer

#if canImport(Glibc)
import Glibc
#endif

/// A data directory that a running `ignitabull serve` holds: commands that would stop at its lock (`query`,
/// `check`, `backup`, `stats`, `mine`, `score`, `index`) go through that server instead, as cypher-shell goes
/// through Neo4j.
///
/// `serve` writes `DATA/SERVING` (its URL and pid) when it listens and removes it when it stops; a file whose
/// pid is gone is ignored. Credentials: `NEO4J_USERNAME` / `NEO4J_PASSWORD` (cypher-shell's variables) when
/// set, else the `admin` password that the first `serve` wrote to `DATA/system/admin-password` (readable only
/// by the user who ran it), else none (a server run with `--no-auth`).
struct ServedDirectory {
    let url: String
    let pid: Int32
    let credentials: (user: String, password: String)?
    /// The database the requests address (`/db/NAME/…`).
    var database = "neo4j"

    /// The same server, addressing the database `name`.
    func on(_ name: String) -> ServedDirectory {
        var copy = self
        copy.database = name
        return copy
    }

    /// `/db/NAME/rest`.
    func path(_ rest: String) -> String { "/db/\(database)/\(rest)" }

    static func marker(_ directory: String) -> String { directory + "/SERVING" }

    /// Records that `directory` is served at `url` by this process.
    static func announce(_ directory: String, url: String) {
        try? "url \(url)\npid \(getpid())\n".write(toFile: marker(directory), atomically: true, encoding: .utf8)
    }

    static func withdraw(_ directory: String) { unlink(marker(directory)) }

    /// The server holding `directory`, if one is running.
    static func find(_ directory: String) -> ServedDirectory? {
        guard let text = try? String(contentsOfFile: marker(directory), encoding: .utf8) else { return nil }
        var url: String?
        var pid: Int32?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if parts[0] == "url" { url = parts[1] }
            if parts[0] == "pid" { pid = Int32(parts[1]) }
        }
        guard let url, let pid, kill(pid, 0) == 0 || errno == EPERM else { return nil }
        return ServedDirectory(url: url, pid: pid, credentials: credentials(directory))
    }

    /// A server given by URL (`--server`).
    init(url: String, pid: Int32 = 0, credentials: (user: String, password: String)?) {
        self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
        self.pid = pid
        self.credentials = credentials
    }

    static func credentials(_ directory: String?) -> (user: String, password: String)? {
        let env = ProcessInfo.processInfo.environment
        if let user = env["NEO4J_USERNAME"], let password = env["NEO4J_PASSWORD"] { return (user, password) }
        guard let directory, let text = try? String(contentsOfFile: directory + "/system/admin-password", encoding: .utf8) else { return nil }
        return ("admin", text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// POSTs `body` to `path` and returns the parsed answer with its status.
    func post(_ path: String, _ body: JSON) throws -> (status: Int, json: JSON) { try perform("POST", path, body) }

    /// Sends one request and returns the parsed answer with its status; 401 and 403 are errors here, naming the
    /// variables that give credentials.
    func perform(_ method: String, _ path: String, _ body: JSON?) throws -> (status: Int, json: JSON) {
        let request = CurlRequest(
            method: method, url: url + path,
            headers: (body == nil ? [] : [("Content-Type", "application/json")]) + [("Accept", "application/json")],
            body: body.map { Array($0.text.utf8) }, basicAuth: credentials, timeoutSeconds: 3600)
        let response: CurlResponse
        do { response = try CurlSession().perform(request) } catch { throw CLIError("\(url): \(error.message)") }
        guard let json = try? JSONParser.parse(response.body) else {
            throw CLIError("\(url)\(path) answered HTTP \(response.status) without JSON")
        }
        if response.status == 401 || response.status == 403 {
            let error = json["errors"]?.arrayValue?.first ?? json
            throw CLIError(
                "\(url)\(path): HTTP \(response.status)\(error["code"]?.stringValue.map { " " + $0 } ?? ""):"
                    + " \(error["message"]?.stringValue ?? "") (set NEO4J_USERNAME and NEO4J_PASSWORD)")
        }
        return (response.status, json)
    }

    /// Runs one statement in Neo4j's HTTP transaction API. - Returns: the columns and rows (row format).
    func query(_ text: String, parameters: [String: Value]) throws -> (columns: [String], rows: [[JSON]], stats: JSON?) {
        let statement: JSON = .object([
            ("statement", .string(text)),
            ("parameters", .object(parameters.map { ($0.key, Self.json($0.value)) })),
            ("includeStats", true),
        ])
        let (_, answer) = try post(path("tx/commit"), ["statements": .array([statement])])
        if let error = answer["errors"]?.arrayValue?.first {
            throw CLIError("\(error["code"]?.stringValue ?? "error"): \(error["message"]?.stringValue ?? "")")
        }
        let result = answer["results"]?.arrayValue?.first
        let columns = result?["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let rows = (result?["data"]?.arrayValue ?? []).map { $0["row"]?.arrayValue ?? [] }
        return (columns, rows, result?["stats"])
    }

    private static func json(_ v: Value) -> JSON {
        switch v {
        case .int(let i): .int(i)
        case .float(let d): .double(d)
        case .bool(let b): .bool(b)
        case .string(let s): .string(s)
        default: .null
        }
    }
}
