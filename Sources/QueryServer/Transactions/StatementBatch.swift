import CypherRuntime
import Engine
import GraphStore

/// The `statements` of one request to Neo4j's HTTP API, and how to run them.
struct StatementBatch: Sendable {
    struct Statement: Sendable {
        var text: String
        var parameters: [String: Value]
        var formats: [ResultFormat]
        var includeStats: Bool
    }

    var statements: [Statement] = []

    /// Reads `{"statements": [{statement, parameters?, resultDataContents?, includeStats?}]}`.
    /// An empty body means no statements (a keep-alive or a bare commit).
    init(body: [UInt8], maxQueryBytes: Int) throws(Neo4jError) {
        if body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
        let json: JSON
        do { json = try JSONParser.parse(body) } catch {
            throw Neo4jError.invalidFormat("Unable to deserialize request: \(error)")
        }
        guard case .object = json else { throw Neo4jError.invalidFormat("the request must be a JSON object") }
        guard let list = json["statements"] else { return }
        guard case .array(let items) = list else { throw Neo4jError.invalidFormat("`statements` must be an array") }
        for (n, item) in items.enumerated() {
            guard case .object = item, let text = item["statement"]?.stringValue else {
                throw Neo4jError.invalidFormat("statement \(n) must be an object with a string `statement`")
            }
            guard text.utf8.count <= maxQueryBytes else {
                throw Neo4jError.invalidFormat("statement \(n) is longer than the limit of \(maxQueryBytes) bytes")
            }
            let parameters: [String: Value]
            do { parameters = try item.parameters("parameters") } catch {
                throw Neo4jError.invalidFormat("statement \(n): \(error.message)")
            }
            var formats: [ResultFormat] = []
            switch item["resultDataContents"] {
            case nil, .null?: formats = [.row]
            case .array(let names)?:
                for name in names {
                    guard let s = name.stringValue, let f = ResultFormat(rawValue: s.lowercased()) else {
                        throw Neo4jError.invalidFormat("unknown result data content \(name.text) (use row, graph or rest)")
                    }
                    if !formats.contains(f) { formats.append(f) }
                }
            case let other?:
                throw Neo4jError.invalidFormat("`resultDataContents` must be an array, not \(other.typeName)")
            }
            let includeStats: Bool
            switch item["includeStats"] {
            case nil, .null?: includeStats = false
            case .bool(let b)?: includeStats = b
            case let other?: throw Neo4jError.invalidFormat("`includeStats` must be a boolean, not \(other.typeName)")
            }
            statements.append(Statement(text: text, parameters: parameters, formats: formats, includeStats: includeStats))
        }
    }

    /// One statement's entry of `results`.
    /// Rows past `limit` bytes of JSON are refused (see `JSON.rows`); `wrote` says the statement's changes
    /// are committed already (an auto-commit statement), for the error's message.
    static func result(_ r: QueryResult, _ s: Statement, base: String, limit: Int, wrote: Bool = false) throws(CypherRuntimeError) -> JSON {
        let renderer = ValueRenderer(snapshot: r.snapshot)
        let data = try JSON.rows(r.rows, limit: limit, wrote: wrote) { row in
            var pairs: [(String, JSON)] = []
            for f in s.formats {
                switch f {
                case .row:
                    pairs.append(("row", .array(row.map(renderer.row))))
                    pairs.append(("meta", .array(row.map(renderer.meta))))
                case .graph: pairs.append(("graph", renderer.graph(row)))
                case .rest: pairs.append(("rest", .array(row.map { renderer.rest($0, base: base) })))
                }
            }
            return .object(pairs)
        }
        var out: [(String, JSON)] = [("columns", .array(r.columns.map(JSON.string))), ("data", data)]
        if s.includeStats { out.append(("stats", stats(r))) }
        return .object(out)
    }

    /// Query statistics with Neo4j's keys (including its singular `relationship_deleted`).
    static func stats(_ r: QueryResult) -> JSON {
        let w = r.statistics
        let propertiesSet = w.propertiesSet + r.propertiesRemoved
        return [
            "contains_updates": .bool(w.containsUpdates || r.propertiesRemoved > 0),
            "nodes_created": .int(Int64(w.nodesCreated)), "nodes_deleted": .int(Int64(w.nodesDeleted)),
            "properties_set": .int(Int64(propertiesSet)),
            "relationships_created": .int(Int64(w.relationshipsCreated)),
            "relationship_deleted": .int(Int64(w.relationshipsDeleted)),
            "labels_added": .int(Int64(w.labelsAdded)), "labels_removed": .int(Int64(w.labelsRemoved)),
            "indexes_added": 0, "indexes_removed": 0,
            "constraints_added": .int(Int64(w.constraintsAdded)), "constraints_removed": .int(Int64(w.constraintsRemoved)),
            "contains_system_updates": false, "system_updates": 0,
        ]
    }

    /// Runs the statements in `txn`, in order, stopping at the first error.
    /// - Returns: the transaction after them, the results so far and the error, if any (the caller
    ///   then rolls the transaction back), and how many statements ran without error.
    func run(
        on database: Database, in txn: GraphTransaction, base: String, limits: QueryLimits
    ) -> (transaction: GraphTransaction, results: [JSON], error: Neo4jError?) {
        var txn = txn
        var results: [JSON] = []
        for s in statements {
            do {
                let r = try database.query(s.text, parameters: s.parameters, in: &txn, limits: limits)
                results.append(try Self.result(r, s, base: base, limit: limits.memoryBytes))
            } catch {
                return (txn, results, Neo4jError.from(error))
            }
        }
        return (txn, results, nil)
    }
}
