public import GraphStore

/// A node file to import, with labels given to every node in it (like `--nodes=Customer=file.csv`).
public struct NodeFile: Sendable {
    public var path: String
    public var labels: [String]
    public init(path: String, labels: [String] = []) {
        self.path = path
        self.labels = labels
    }
}

/// A relationship file to import, with a type used when a row has no `:TYPE` value
/// (like `--relationships=PURCHASED=file.csv`).
public struct RelationshipFile: Sendable {
    public var path: String
    public var type: String?
    public init(path: String, type: String? = nil) {
        self.path = path
        self.type = type
    }
}

/// What an import did.
public struct CSVImportReport: Sendable {
    public var nodesCreated = 0
    public var relationshipsCreated = 0
    /// Data records read per file, in order.
    public var records: [(path: String, count: Int)] = []
    /// The uniqueness constraints the import created, one per ID space (see `createConstraints`).
    public var constraintsCreated: [(name: String, label: String, key: String)] = []
    /// ID spaces that got no constraint, with the reason (no common label, duplicate values, …).
    public var constraintsSkipped: [String] = []
}

/// Imports neo4j-admin style CSV files (header line first) into a transaction.
///
/// Node files come first so relationship files can refer to their ids. IDs live in ID spaces
/// (`id:ID(Customer)` … `:START_ID(Customer)`); a header without a space uses the global one.
/// The import runs inside the caller's transaction: if any row fails, the caller's `write`
/// discards everything, so an import is all or nothing.
///
/// Each node file whose id column has a name (`id:ID(Customer)`, `readerId:ID`) gets a uniqueness constraint on
/// `(label, name)` after all nodes are in (unless `createConstraints` is off), so that a node can be found by its
/// id through an index, as the Online Retail importer does for its ids. Ids are unique within their ID space, so
/// the nodes of any files of one space are unique on their id too, the global space included. The label is the one
/// every node of the file carries: the space's own name when it is such a label, else the first common one. Files
/// of one space with the same label and key share one constraint. A file whose nodes share no label, or whose
/// label already holds the same value on another node, gets no constraint; the report says why and the import
/// goes on.
public struct Neo4jAdminImporter: Sendable {
    public var delimiter: Character = ","
    public var arrayDelimiter: Character = ";"
    /// Relationships buffered before they are merged into the adjacency in one pass.
    public var relationshipBatch = 2_000_000
    /// Whether each ID space gets a uniqueness constraint on its label and id property.
    public var createConstraints = true

    public init() {}

    /// Imports the files.
    /// - Throws: `ImportError` naming the file, line and column of the first bad row.
    public func run(
        nodes: [NodeFile], relationships: [RelationshipFile], into txn: inout GraphTransaction,
        progress: (@Sendable (_ file: String, _ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> CSVImportReport {
        var report = CSVImportReport()
        var ids: [String: [String: NodeID]] = [:]
        var spaces: [String: [IDFile]] = [:]
        var spaceOrder: [String] = []
        for file in nodes {
            let n = try importNodes(file, &txn, &ids, &spaces, &spaceOrder, progress)
            report.nodesCreated += n
            report.records.append((file.path, n))
        }
        if createConstraints {
            for name in spaceOrder { Self.constrain(name, spaces[name]!, &txn, &report) }
        }
        for file in relationships {
            let n = try importRelationships(file, &txn, ids, progress)
            report.relationshipsCreated += n
            report.records.append((file.path, n))
        }
        return report
    }

    private func reader(_ path: String, _ progress: (@Sendable (String, Int, Int) -> Void)?) throws -> CSVReader {
        let r = try CSVReader(path: path, delimiter: delimiter)
        if let progress { r.progress = { progress(path, $0, $1) } }
        return r
    }

    /// What the nodes of one file of an ID space have in common, for its constraint.
    struct IDFile {
        /// The id property's name (nil: a column without a name).
        var key: String?
        /// Labels carried by every node of the file, in the order the first node had them.
        var labels: [LabelID]
    }

    /// Creates the uniqueness constraints of one ID space's files, or notes in `report` why one has none.
    static func constrain(_ name: String, _ files: [IDFile], _ txn: inout GraphTransaction, _ report: inout CSVImportReport) {
        let spaceName = name.isEmpty ? "the global ID space" : "ID space `\(name)`"
        if files.allSatisfy({ $0.key == nil }) {
            report.constraintsSkipped.append("\(spaceName): no constraint, its id column has no property name")
            return
        }
        var done = Set<[String]>()
        for file in files {
            guard let key = file.key else { continue }
            let names = file.labels.map { txn.snapshot.catalog.name(of: $0) }
            guard let label = names.contains(name) ? name : names.first else {
                report.constraintsSkipped.append("\(spaceName): no constraint on `\(key)`, its nodes share no label")
                continue
            }
            guard done.insert([label, key]).inserted else { continue }
            if let l = txn.snapshot.catalog.label(label), let k = txn.snapshot.catalog.propertyKey(key),
                txn.snapshot.constraint(label: l, key: k) != nil
            {
                continue  // already enforced (an import into a graph that has it)
            }
            do {
                try txn.createUniqueConstraint(label: label, key: key)
                report.constraintsCreated.append(("constraint_\(label)_\(key)", label, key))
            } catch {
                report.constraintsSkipped.append("\(spaceName): no constraint on :\(label)(\(key)), \(error.message)")
            }
        }
    }

    private func importNodes(
        _ file: NodeFile, _ txn: inout GraphTransaction, _ ids: inout [String: [String: NodeID]],
        _ spaces: inout [String: [IDFile]], _ spaceOrder: inout [String],
        _ progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws -> Int {
        let r = try reader(file.path, progress)
        var header: CSVHeader?
        var labelCache: [String: LabelID] = [:]
        var keyIDs: [PropertyKeyID?] = []
        var fixedLabels: [LabelID] = []
        for l in file.labels { fixedLabels.append(try token(file.path, "label") { () throws(GraphStoreError) in try txn.label(l) }) }
        var idColumn: Int?
        var count = 0
        // The file's ID space and the labels all its nodes carry, for its constraint.
        var fileSpace: String?
        var fileLabels: [LabelID]?
        try r.forEachRecord { rec in
            guard let h = header else {
                try checkNames(rec, file.path)
                let h = try CSVHeader(rec, file: file.path)
                for (i, c) in h.columns.enumerated() {
                    switch c.role {
                    case .startID, .endID, .type:
                        throw ImportError(
                            .badHeader, file: file.path, line: rec.line,
                            "a node file cannot have START_ID, END_ID or TYPE columns")
                    case .id, .property:
                        if case .id = c.role { idColumn = keyIDs.count }
                        keyIDs.append(
                            c.name.isEmpty
                                ? nil : try token(file.path, rec, i) { () throws(GraphStoreError) in try txn.propertyKey(c.name) })
                    default: keyIDs.append(nil)
                    }
                }
                header = h
                return
            }
            try checkWidth(rec, h, file.path)
            var labels = fixedLabels
            var entries: [PropertyEntry] = []
            var idValue: (space: String, value: String, column: Int)?
            for (i, c) in h.columns.enumerated() {
                switch c.role {
                case .id(let space):
                    guard !rec.isEmpty(i) else { throw missing(rec, i, file.path, "node id") }
                    let v = rec.string(i)
                    idValue = (space, v, rec.column(i))
                    if let k = keyIDs[i] { entries.append(PropertyEntry(key: k, value: .string(v))) }
                case .label:
                    guard !rec.isEmpty(i) else { continue }
                    try checkName(rec, i, file.path)
                    for name in rec.string(i).split(separator: arrayDelimiter) {
                        let n = String(name)
                        if let l = labelCache[n] {
                            labels.append(l)
                        } else {
                            let l = try token(file.path, rec, i) { () throws(GraphStoreError) in try txn.label(n) }
                            labelCache[n] = l
                            labels.append(l)
                        }
                    }
                case .property(let t):
                    guard !rec.isEmpty(i) else { continue }
                    guard let v = t.parse(rec, i, arrayDelimiter: arrayDelimiter) else { throw badValue(rec, i, c, file.path) }
                    entries.append(PropertyEntry(key: keyIDs[i]!, value: v))
                case .ignore, .startID, .endID, .type: continue
                }
            }
            let node: NodeID
            do {
                node = try txn.createNode(labels: labels, properties: PropertyMap(entries))
            } catch let error as GraphStoreError {
                throw ImportError(.graph, file: file.path, line: rec.line, error.message)
            }
            if let idValue {
                if var common = fileLabels {
                    if common.contains(where: { !labels.contains($0) }) {
                        common.removeAll { !labels.contains($0) }
                        fileLabels = common
                    }
                } else {
                    fileLabels = labels
                    fileSpace = idValue.space
                }
                if ids[idValue.space, default: [:]].updateValue(node, forKey: idValue.value) != nil {
                    throw ImportError(
                        .duplicateID, file: file.path, line: rec.line, column: idValue.column,
                        "duplicate node id `\(idValue.value)` in ID space `\(idValue.space)`")
                }
            }
            count += 1
        }
        if let fileSpace, let idColumn, let header {
            let key = header.columns[idColumn].name
            if spaces[fileSpace] == nil { spaceOrder.append(fileSpace) }
            spaces[fileSpace, default: []].append(IDFile(key: key.isEmpty ? nil : key, labels: fileLabels ?? []))
        }
        return count
    }

    private func importRelationships(
        _ file: RelationshipFile, _ txn: inout GraphTransaction, _ ids: [String: [String: NodeID]],
        _ progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws -> Int {
        let r = try reader(file.path, progress)
        var header: CSVHeader?
        var keyIDs: [PropertyKeyID?] = []
        var typeCache: [String: RelationshipTypeID] = [:]
        let defaultType = try file.type.map { t in
            try token(file.path, "relationship type") { () throws(GraphStoreError) in try txn.relationshipType(t) }
        }
        var pending: [NewRelationship] = []
        var count = 0
        try r.forEachRecord { rec in
            guard let h = header else {
                try checkNames(rec, file.path)
                let h = try CSVHeader(rec, file: file.path)
                var hasStart = false
                var hasEnd = false
                for (i, c) in h.columns.enumerated() {
                    switch c.role {
                    case .startID: hasStart = true
                    case .endID: hasEnd = true
                    case .id, .label:
                        throw ImportError(
                            .badHeader, file: file.path, line: rec.line, "a relationship file cannot have ID or LABEL columns")
                    default: break
                    }
                    if case .property = c.role {
                        keyIDs.append(try token(file.path, rec, i) { () throws(GraphStoreError) in try txn.propertyKey(c.name) })
                    } else {
                        keyIDs.append(nil)
                    }
                }
                guard hasStart && hasEnd else {
                    throw ImportError(
                        .badHeader, file: file.path, line: rec.line, "a relationship file needs :START_ID and :END_ID columns")
                }
                header = h
                return
            }
            try checkWidth(rec, h, file.path)
            var start: NodeID?
            var end: NodeID?
            var type = defaultType
            var entries: [PropertyEntry] = []
            for (i, c) in h.columns.enumerated() {
                switch c.role {
                case .startID(let space), .endID(let space):
                    guard !rec.isEmpty(i) else { throw missing(rec, i, file.path, "node id") }
                    let key = rec.string(i)
                    guard let node = ids[space]?[key] else {
                        throw ImportError(
                            .unknownID, file: file.path, line: rec.line, column: rec.column(i),
                            "no node with id `\(key)` in ID space `\(space)`")
                    }
                    if case .startID = c.role { start = node } else { end = node }
                case .type:
                    guard !rec.isEmpty(i) else { continue }
                    try checkName(rec, i, file.path)
                    let name = rec.string(i)
                    if let t = typeCache[name] {
                        type = t
                    } else {
                        let t = try token(file.path, rec, i) { () throws(GraphStoreError) in try txn.relationshipType(name) }
                        typeCache[name] = t
                        type = t
                    }
                case .property(let t):
                    guard !rec.isEmpty(i) else { continue }
                    guard let v = t.parse(rec, i, arrayDelimiter: arrayDelimiter) else { throw badValue(rec, i, c, file.path) }
                    entries.append(PropertyEntry(key: keyIDs[i]!, value: v))
                case .ignore, .id, .label: continue
                }
            }
            guard let type else {
                throw ImportError(
                    .badValue, file: file.path, line: rec.line,
                    "the row has no relationship type (add a :TYPE column or give the file a default type)")
            }
            pending.append(NewRelationship(source: start!, target: end!, type: type, properties: PropertyMap(entries)))
            count += 1
            if pending.count >= relationshipBatch {
                try txn.createRelationships(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { try txn.createRelationships(pending) }
        return count
    }

    private func checkWidth(_ rec: CSVRecord, _ h: CSVHeader, _ path: String) throws(ImportError) {
        guard rec.count == h.columns.count else {
            throw ImportError(
                .malformedCSV, file: path, line: rec.line, column: rec.column(min(rec.count, h.columns.count) - 1),
                "expected \(h.columns.count) fields as in the header, found \(rec.count)")
        }
    }

    /// Refuses a header whose fields are not well-formed UTF-8 (they become property keys).
    private func checkNames(_ rec: CSVRecord, _ path: String) throws(ImportError) {
        for i in 0..<rec.count { try checkName(rec, i, path) }
    }

    /// Refuses a field that names a label, type or key unless it is well-formed UTF-8: a name is
    /// stored exactly as given, never with bad bytes replaced.
    private func checkName(_ rec: CSVRecord, _ i: Int, _ path: String) throws(ImportError) {
        guard rec.isValidUTF8(i) else {
            throw ImportError(.badValue, file: path, line: rec.line, column: rec.column(i), "the name is not valid UTF-8")
        }
    }

    /// Runs `body` (which creates a token), turning a refused name into an error at the field.
    private func token<T>(
        _ path: String, _ rec: CSVRecord, _ i: Int, _ body: () throws(GraphStoreError) -> T
    ) throws(ImportError) -> T {
        do { return try body() } catch {
            throw ImportError(.badValue, file: path, line: rec.line, column: rec.column(i), error.message)
        }
    }

    /// Runs `body` for a name given on the command line (a file's label or type), naming the file.
    private func token<T>(_ path: String, _ kind: String, _ body: () throws(GraphStoreError) -> T) throws(ImportError) -> T {
        do { return try body() } catch {
            throw ImportError(.invalidArgument, file: path, "the \(kind) given for the file: \(error.message)")
        }
    }

    private func missing(_ rec: CSVRecord, _ i: Int, _ path: String, _ what: String) -> ImportError {
        ImportError(.badValue, file: path, line: rec.line, column: rec.column(i), "missing \(what)")
    }

    private func badValue(_ rec: CSVRecord, _ i: Int, _ c: CSVColumn, _ path: String) -> ImportError {
        var typeName = "value"
        if case .property(let t) = c.role { typeName = "\(t)" }
        return ImportError(
            .badValue, file: path, line: rec.line, column: rec.column(i),
            "`\(rec.string(i))` is not a valid \(typeName) for column `\(c.name)`")
    }
}
