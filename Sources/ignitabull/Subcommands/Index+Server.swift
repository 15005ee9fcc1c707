import CypherRuntime
import QueryServer

/// The index subcommands through a running server, as Cypher: `CREATE VECTOR INDEX`, `SHOW INDEXES`, `DROP INDEX`
/// (the server's access control applies: creating and dropping are schema commands, for admins).
extension Ignitabull.Index {
    /// A name in backquotes, inner backquotes doubled: any label, property or index name is one Cypher name.
    static func quoted(_ name: String) -> String { "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`" }

    /// The server's vector indexes (all, or the one named `name`) as SHOW INDEXES reports them.
    static func vectorIndexes(_ remote: ServedDirectory, named name: String? = nil) throws -> [(name: String, line: String, entries: Int64, lists: Int64)] {
        let r = try remote.query(
            "SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options WHERE type = 'VECTOR'"
                + (name == nil ? "" : " AND name = $name"),
            parameters: name.map { ["name": .string($0)] } ?? [:])
        return r.rows.map { row in
            let (n, label, property, options) = (row[0].stringValue ?? "", row[2].arrayValue?.first?.stringValue ?? "",
                row[3].arrayValue?.first?.stringValue ?? "", row[4])
            let config = options["indexConfig"]
            let entries = options["entries"]?.intValue ?? 0
            let lists = config?["vector.ivf.lists"]?.intValue ?? 0
            let line = "\(n): (:\(label)).\(property), \(config?["vector.dimensions"]?.intValue ?? 0)-d "
                + "\((config?["vector.similarity_function"]?.stringValue ?? "").lowercased()), \(entries) vectors, \(lists) lists"
            return (n, line, entries, lists)
        }
    }
}

extension Ignitabull.Index.Create {
    func run(through remote: ServedDirectory) throws {
        remote.announce("CREATE VECTOR INDEX in the server", storage)
        let config = [dimensions.map { "`vector.dimensions`: \($0)" }, lists.map { "`vector.ivf.lists`: \($0)" }].compactMap { $0 }
        let q = Ignitabull.Index.quoted
        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try remote.query(
                "CREATE VECTOR INDEX \(q(name)) FOR (n:\(q(label))) ON (n.\(q(property)))"
                    + (config.isEmpty ? "" : " OPTIONS {indexConfig: {\(config.joined(separator: ", "))}}"),
                parameters: [:])
        } catch let e as CLIError where dimensions == nil && e.description.contains("vector.dimensions") {
            throw CLIError("no :\(label) node has a vector `\(property)` yet, so give --dimensions")
        }
        let seconds = (clock.now - start).seconds
        guard let e = try Ignitabull.Index.vectorIndexes(remote, named: name).first else {
            throw CLIError("\(remote.url) created vector index \(name) but does not list it")
        }
        print("created vector index \(name): \(e.entries) vectors, \(e.lists) lists, trained in \(Report.seconds(seconds))")
    }
}

extension Ignitabull.Index.List {
    func run(through remote: ServedDirectory) throws {
        remote.announce("the server's vector indexes (SHOW INDEXES)", storage)
        for e in try Ignitabull.Index.vectorIndexes(remote) { print(e.line) }
    }
}

extension Ignitabull.Index.Drop {
    func run(through remote: ServedDirectory) throws {
        remote.announce("DROP INDEX in the server", storage)
        // DROP INDEX drops any kind of index; this command drops only vector indexes, as it does locally.
        guard try !Ignitabull.Index.vectorIndexes(remote, named: name).isEmpty else {
            throw CLIError("no vector index named `\(name)`")
        }
        _ = try remote.query("DROP INDEX \(Ignitabull.Index.quoted(name))", parameters: [:])
        print("dropped vector index \(name)")
    }
}
