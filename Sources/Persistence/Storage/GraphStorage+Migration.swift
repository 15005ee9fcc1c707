extension GraphStorage {
    /// Completes schema version 3 inside the migration's transaction: computes the checksum of
    /// every existing row, records the counts `load()` cross-checks, and gives every vector index
    /// a file number. - Returns: the index files to move to their numbered names after commit
    /// (only files whose old name was `indexes/<name>.ivf` with a plain file name: an old name
    /// that pointed elsewhere is not followed, and that index is rebuilt from the graph instead).
    static func backfillVersion4(_ db: SQLiteConnection) throws(PersistenceError) -> [(from: String, to: String)] {
        // Rows are read in batches by key and updated after each batch, never while a read is open.
        var tokens: [(kind: Int64, id: Int64, name: [UInt8])] = []
        let t = try db.prepare("SELECT kind, id, name FROM tokens")
        while try t.step() { tokens.append((t.int(0), t.int(1), t.textBytes(2))) }
        let setToken = try db.prepare("UPDATE tokens SET crc = ? WHERE kind = ? AND id = ?")
        for r in tokens {
            setToken.bind(1, RowChecksum.token(kind: r.kind, id: r.id, name: r.name))
            setToken.bind(2, r.kind)
            setToken.bind(3, r.id)
            try setToken.run()
        }

        try backfill(db, table: "nodes", columns: "labels, properties") { s in
            RowChecksum.node(id: s.int(0), labels: s.withBlob(1) { Array($0) }, properties: s.withBlob(2) { Array($0) })
        }
        try backfill(db, table: "relationships", columns: "type, source, target, properties") { s in
            RowChecksum.relationship(
                id: s.int(0), type: s.int(1), source: s.int(2), target: s.int(3), properties: s.withBlob(4) { Array($0) })
        }
        try backfill(db, table: "mutation_log", key: "seq", columns: "committed_at, mutations, payload") { s in
            RowChecksum.log(sequence: s.int(0), committedAt: s.int(1), count: s.int(2), payload: s.withBlob(3) { Array($0) })
        }

        var constraints: [(name: [UInt8], label: Int64, key: Int64)] = []
        let c = try db.prepare("SELECT name, label, key FROM constraints")
        while try c.step() { constraints.append((c.textBytes(0), c.int(1), c.int(2))) }
        let setConstraint = try db.prepare("UPDATE constraints SET crc = ? WHERE name = ?")
        for r in constraints {
            setConstraint.bind(1, RowChecksum.constraint(name: r.name, label: r.label, key: r.key))
            setConstraint.bind(2, String(decoding: r.name, as: UTF8.self))
            try setConstraint.run()
        }

        var renames: [(from: String, to: String)] = []
        var indexes: [(name: String, file: String)] = []
        let v = try db.prepare("SELECT name, file FROM vector_indexes ORDER BY name")
        while try v.step() { indexes.append((v.text(0), v.text(1))) }
        let setIndex = try db.prepare("UPDATE vector_indexes SET file_id = ? WHERE name = ?")
        for (i, d) in indexes.enumerated() {
            let number = Int64(i + 1)
            setIndex.bind(1, number)
            setIndex.bind(2, d.name)
            try setIndex.run()
            if d.file == "indexes/\(d.name).ivf", isPlainFileName(d.name) {
                renames.append((d.file, VectorIndexDefinition.fileName(number)))
            }
        }
        let defs = try readVectorIndexRows(db, verify: false)
        for d in defs { try writeVectorIndexRow(db, d) }

        let tokenCount = Int64(tokens.count)
        let constraintCount = Int64(constraints.count)
        try db.execute("DELETE FROM meta WHERE key IN ('token_count', 'constraint_count', 'vector_index_count', 'next_index_file')")
        let addMeta = try db.prepare("INSERT INTO meta(key, value) VALUES (?, ?)")
        for (key, value) in [
            ("token_count", tokenCount), ("constraint_count", constraintCount),
            ("vector_index_count", Int64(indexes.count)), ("next_index_file", Int64(indexes.count + 1)),
        ] {
            addMeta.bind(1, key)
            addMeta.bind(2, String(value))
            try addMeta.run()
        }
        var meta: [(String, String)] = []
        let m = try db.prepare("SELECT key, value FROM meta")
        while try m.step() { meta.append((m.text(0), m.text(1))) }
        let setMeta = try db.prepare("UPDATE meta SET crc = ? WHERE key = ?")
        for (key, value) in meta {
            setMeta.bind(1, RowChecksum.meta(key: key, value: value))
            setMeta.bind(2, key)
            try setMeta.run()
        }
        return renames
    }

    /// Sets `crc` on every row of a rowid table, 4096 rows at a time; `checksum` sees the row as
    /// `SELECT key, columns`.
    private static func backfill(
        _ db: SQLiteConnection, table: String, key: String = "id", columns: String,
        _ checksum: (SQLiteStatement) -> Int64
    ) throws(PersistenceError) {
        let read = try db.prepare("SELECT \(key), \(columns) FROM \(table) WHERE \(key) > ? ORDER BY \(key) LIMIT 4096")
        let write = try db.prepare("UPDATE \(table) SET crc = ? WHERE \(key) = ?")
        var after: Int64 = -1
        while true {
            read.bind(1, after)
            var batch: [(Int64, Int64)] = []
            while try read.step() { batch.append((read.int(0), checksum(read))) }
            read.reset()
            guard let last = batch.last else { return }
            for (k, crc) in batch {
                write.bind(1, crc)
                write.bind(2, k)
                try write.run()
            }
            after = last.0
        }
    }

    /// Whether `name` can stand as a file name inside `indexes/` without leaving it.
    static func isPlainFileName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.utf8.contains(UInt8(ascii: "/")) && !name.utf8.contains(0)
    }
}
