import QueryServer

extension ServedDirectory {
    /// GETs `path` and returns its JSON answer (see `answer(_:_:_:)`).
    func get(_ path: String) throws -> JSON { try answer("GET", path, nil) }

    /// POSTs `body` to `path` and returns its JSON answer (see `answer(_:_:_:)`).
    func call(_ path: String, _ body: JSON) throws -> JSON { try answer("POST", path, body) }

    /// The answer of a request that should succeed: any status but 200 is a `CLIError` naming the server, the
    /// status and the answer's `code` and `message` (as the routes send them), e.g.
    /// `http://127.0.0.1:7474/db/neo4j/mine: HTTP 400 BadRequest: minCount must be at least 1`.
    func answer(_ method: String, _ path: String, _ body: JSON?) throws -> JSON {
        let (status, json) = try perform(method, path, body)
        guard status == 200 else {
            let code = json["code"]?.stringValue.map { " " + $0 } ?? ""
            throw CLIError("\(url)\(path): HTTP \(status)\(code): \(json["message"]?.stringValue ?? json.text)")
        }
        return json
    }

    /// The server the command should go through: `--server URL`, else the one holding the data directory.
    static func resolve(server: String?, _ storage: StorageOptions) -> ServedDirectory? {
        if let server { return ServedDirectory(url: server, credentials: credentials(nil)) }
        return storage.inMemory ? nil : find(storage.directory)
    }

    /// The status line on standard error that says where the command runs.
    func announce(_ what: String, _ storage: StorageOptions, quiet: Bool = false) {
        guard !quiet else { return }
        Output.write(2, (pid == 0 ? "through \(url)" : "\(storage.directory) is served by \(url)") + ": \(what)\n")
    }
}
