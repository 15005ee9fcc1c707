public import GraphStore

extension GraphStorage {
    /// Reads the stored graph into a new snapshot.
    ///
    /// Every row's checksum is verified, and every reference is checked before it is followed:
    /// the token ids a node's labels, a relationship's type and every property key use, both ends
    /// of each relationship, and the label and key of each constraint. The numbers of nodes,
    /// relationships, tokens and constraints must match those recorded in `meta`.
    /// - Throws: `corrupt`, naming the file and the row, when anything is damaged or inconsistent;
    ///   never a silent partial load, and never a trap.
    public func load() throws(PersistenceError) -> GraphSnapshot {
        try withConnection { (db) throws(PersistenceError) -> GraphSnapshot in
            let path = databasePath
            func corrupt(_ why: String) -> PersistenceError { PersistenceError(.corrupt, file: path, why) }
            let meta = try Self.readMeta(db)
            func count(_ key: String) throws(PersistenceError) -> Int {
                guard let text = meta[key], let v = Int(text), v >= 0 else {
                    throw corrupt("the `\(key)` record is missing or malformed")
                }
                return v
            }
            let store = GraphStore()
            do {
                try store.write { txn in
                    var tokenCount = 0
                    let tokens = try db.prepare("SELECT kind, id, name, crc FROM tokens ORDER BY kind, id")
                    while try tokens.step() {
                        let kind = tokens.int(0)
                        let id = tokens.int(1)
                        let crc = RowChecksum.token(kind: kind, id: id, name: tokens.textBytes(2))
                        guard tokens.isInteger(3), tokens.int(3) == crc else {
                            throw corrupt("token \(id) of kind \(kind): checksum mismatch (the row is damaged)")
                        }
                        guard let k = GraphMutation.TokenKind(rawValue: UInt8(clamping: kind)), id >= 0, id <= Int64(UInt32.max),
                            let name = tokens.validText(2)
                        else { throw corrupt("token \(id) of kind \(kind) is malformed") }
                        do {
                            try txn.restoreToken(k, id: UInt32(id), name: name)
                        } catch let e as GraphStoreError { throw corrupt("tokens: \(e.message)") }
                        tokenCount += 1
                    }
                    guard try count("token_count") == tokenCount else {
                        throw corrupt("the file records \(try count("token_count")) tokens but holds \(tokenCount) (a row is missing)")
                    }
                    let catalog = txn.snapshot.catalog
                    let labelCount = catalog.labelNames.count
                    let keyCount = catalog.keyNames.count
                    func checkKeys(_ props: PropertyMap, _ what: String) throws(PersistenceError) {
                        for e in props where Int(e.key.rawValue) >= keyCount {
                            throw corrupt("\(what) uses property key \(e.key.rawValue), which is not in the token table")
                        }
                    }

                    let nodes = try db.prepare("SELECT id, labels, properties, crc FROM nodes ORDER BY id")
                    while try nodes.step() {
                        let id = nodes.int(0)
                        let labelBytes = nodes.withBlob(1) { Array($0) }
                        let propBytes = nodes.withBlob(2) { Array($0) }
                        guard nodes.isInteger(3), nodes.int(3) == RowChecksum.node(id: id, labels: labelBytes, properties: propBytes) else {
                            throw corrupt("node \(id): checksum mismatch (the row is damaged)")
                        }
                        guard id >= 0 && id < Int64(UInt32.max) else { throw corrupt("node id \(id) out of range") }
                        guard let labels = Self.decode(labelBytes, PropertyCodec.decodeLabels) else {
                            throw corrupt("node \(id): malformed labels")
                        }
                        guard let props = Self.decode(propBytes, PropertyCodec.decodeMap) else {
                            throw corrupt("node \(id): malformed properties")
                        }
                        for l in labels where Int(l.rawValue) >= labelCount {
                            throw corrupt("node \(id) has label \(l.rawValue), which is not in the token table")
                        }
                        try checkKeys(props, "node \(id)")
                        do {
                            try txn.restoreNode(NodeID(UInt32(id)), labels: labels, properties: props)
                        } catch let e as GraphStoreError { throw corrupt("node \(id): \(e.message)") }
                    }

                    // Uniqueness constraints and node keys index the nodes; existence constraints are restored
                    // after the relationships (a relationship type's constraint names a type).
                    var constraintCount = 0
                    var existence: [(name: String, kind: ConstraintRule.Kind, token: Int64, keys: [Int64])] = []
                    let constraints = try db.prepare(
                        "SELECT name, label, key, crc, kind, more_keys FROM constraints ORDER BY name")
                    while try constraints.step() {
                        let label = constraints.int(1)
                        let key = constraints.int(2)
                        let kindValue = constraints.int(4)
                        let moreText = constraints.textBytes(5)
                        let crc = RowChecksum.constraint(
                            name: constraints.textBytes(0), label: label, key: key, kind: kindValue, moreKeys: moreText)
                        guard constraints.isInteger(3), constraints.int(3) == crc, let name = constraints.validText(0) else {
                            throw corrupt("constraint `\(constraints.text(0))`: checksum mismatch (the row is damaged)")
                        }
                        let more = String(decoding: moreText, as: UTF8.self).split(separator: ",").map { Int64($0) ?? -1 }
                        let keys = [key] + more
                        guard let kind = UInt8(exactly: kindValue).flatMap(ConstraintRule.Kind.init(rawValue:)),
                            keys.allSatisfy({ $0 >= 0 && $0 < keyCount }),
                            label >= 0, label < (kind == .relationshipExistence ? catalog.typeNames.count : labelCount)
                        else { throw corrupt("constraint \(name) names an unknown kind, label, type or key") }
                        if kind == .nodeExistence || kind == .relationshipExistence {
                            existence.append((name, kind, label, keys))
                        } else {
                            do {
                                try txn.restoreConstraint(
                                    name: name, kind: kind, token: catalog.labelNames[Int(label)],
                                    keys: keys.map { catalog.keyNames[Int($0)] })
                            } catch let e as GraphStoreError { throw corrupt("constraint \(name): \(e.message)") }
                        }
                        constraintCount += 1
                    }
                    guard try count("constraint_count") == constraintCount else {
                        throw corrupt(
                            "the file records \(try count("constraint_count")) constraints but holds \(constraintCount) (a row is missing)")
                    }

                    // Range and text property indexes: definitions only (entries are rebuilt from the nodes).
                    let indexes = try db.prepare("SELECT name, kind, label, key, more_keys FROM property_indexes ORDER BY name")
                    while try indexes.step() {
                        let name = indexes.text(0)
                        let label = indexes.int(2)
                        let keys = [indexes.int(3)] + indexes.text(4).split(separator: ",").map { Int64($0) ?? -1 }
                        guard let kind = UInt8(exactly: indexes.int(1)).flatMap(PropertyIndex.Kind.init(rawValue:)),
                            label >= 0, label < labelCount, keys.allSatisfy({ $0 >= 0 && $0 < keyCount })
                        else { throw corrupt("index \(name) has an unknown kind, label or key") }
                        do {
                            try txn.restorePropertyIndex(
                                name: name, kind: kind, label: catalog.labelNames[Int(label)],
                                keys: keys.map { catalog.keyNames[Int($0)] })
                        } catch let e as GraphStoreError { throw corrupt("index \(name): \(e.message)") }
                    }

                    var batch: [(id: RelationshipID, relationship: NewRelationship)] = []
                    let typeCount = catalog.typeNames.count
                    let limit = Int64(txn.snapshot.nodeIDLimit)
                    let blocks = try db.prepare("SELECT block, data, crc FROM relationship_blocks ORDER BY block")
                    while try blocks.step() {
                        let block = blocks.int(0)
                        let entries = try blocks.withBlob(1) { (data) throws(PersistenceError) -> [RelationshipBlockReader.Entry] in
                            guard blocks.isInteger(2), blocks.int(2) == RowChecksum.relationshipBlock(block: block, data: data) else {
                                throw corrupt("relationship block \(block): checksum mismatch (the row is damaged)")
                            }
                            guard block >= 0, block < Int64(UInt32.max) / Int64(RelationshipBlockWriter.size),
                                let entries = try? RelationshipBlockReader.read(data, block: block)
                            else { throw corrupt("relationship block \(block) is malformed") }
                            return entries
                        }
                        for e in entries {
                            guard e.type < typeCount else {
                                throw corrupt("relationship \(e.id): type \(e.type) is not in the token table")
                            }
                            guard e.source >= 0, e.source < limit, e.target >= 0, e.target < limit,
                                txn.snapshot.contains(NodeID(UInt32(e.source))), txn.snapshot.contains(NodeID(UInt32(e.target)))
                            else {
                                throw corrupt(
                                    "relationship \(e.id) connects node \(e.source) to node \(e.target), and one of them does not exist")
                            }
                            try checkKeys(e.properties, "relationship \(e.id)")
                            batch.append((RelationshipID(UInt32(e.id)), NewRelationship(
                                source: NodeID(UInt32(e.source)), target: NodeID(UInt32(e.target)),
                                type: RelationshipTypeID(UInt16(e.type)), properties: e.properties)))
                        }
                    }
                    do { try txn.restoreRelationships(batch) } catch let e as GraphStoreError { throw corrupt("relationships: \(e.message)") }
                    for c in existence {
                        let token = c.kind == .relationshipExistence ? catalog.typeNames[Int(c.token)] : catalog.labelNames[Int(c.token)]
                        do {
                            try txn.restoreConstraint(
                                name: c.name, kind: c.kind, token: token, keys: c.keys.map { catalog.keyNames[Int($0)] })
                        } catch let e as GraphStoreError { throw corrupt("constraint \(c.name): \(e.message)") }
                    }
                    // The id limits are recorded from the first commit on.
                    let nodeLimit = meta["node_id_limit"] == nil ? 0 : try count("node_id_limit")
                    let relLimit = meta["relationship_id_limit"] == nil ? 0 : try count("relationship_id_limit")
                    txn.restoreIDLimits(nodes: nodeLimit, relationships: relLimit)
                    txn.compactAll()
                }
            } catch let e as PersistenceError {
                throw e
            } catch {
                throw corrupt("\(error)")
            }
            let s = store.snapshot
            let nodeCount = try count("node_count")
            let relCount = try count("relationship_count")
            guard nodeCount == s.nodeCount, relCount == s.relationshipCount else {
                throw corrupt(
                    "the file records \(nodeCount) nodes and \(relCount) relationships but holds \(s.nodeCount) and \(s.relationshipCount)")
            }
            return s
        }
    }

    /// `bytes` decoded by `decoder`, or nil when they are malformed.
    static func decode<T>(_ bytes: [UInt8], _ decoder: (inout ByteReader) throws(ByteReader.Malformed) -> T) -> T? {
        bytes.withUnsafeBytes { b in
            var r = ByteReader(b)
            return try? decoder(&r)
        }
    }

    /// The `meta` table, every row's checksum verified.
    static func readMeta(_ db: SQLiteConnection) throws(PersistenceError) -> [String: String] {
        let s = try db.prepare("SELECT key, value, crc FROM meta")
        var out: [String: String] = [:]
        while try s.step() {
            let key = s.text(0)
            let value = s.text(1)
            guard s.isInteger(2), s.int(2) == RowChecksum.of(.bytes(s.textBytes(0)), .bytes(s.textBytes(1))) else {
                throw PersistenceError(.corrupt, file: db.path, "the `\(key)` record: checksum mismatch (the row is damaged)")
            }
            out[key] = value
        }
        return out
    }

    /// The integer in `meta` under `key` (0 when absent), its checksum verified.
    static func metaInt(_ db: SQLiteConnection, _ key: String) throws(PersistenceError) -> Int {
        let s = try db.prepare("SELECT value, crc FROM meta WHERE key = ?")
        s.bind(1, key)
        guard try s.step() else { return 0 }
        guard s.isInteger(1), s.int(1) == RowChecksum.of(.text(key), .bytes(s.textBytes(0))), let v = Int(s.text(0)) else {
            throw PersistenceError(.corrupt, file: db.path, "the `\(key)` record is damaged")
        }
        return v
    }

    /// Sets `meta[key]` with its checksum.
    static func setMeta(_ db: SQLiteConnection, _ key: String, _ value: String) throws(PersistenceError) {
        let s = try db.prepare("INSERT OR REPLACE INTO meta(key, value, crc) VALUES (?, ?, ?)")
        s.bind(1, key)
        s.bind(2, value)
        s.bind(3, RowChecksum.meta(key: key, value: value))
        try s.run()
    }
}
