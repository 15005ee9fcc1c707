#if canImport(Glibc)
import Glibc
#endif

extension GraphStorage {
    /// The stored vector index definitions, by name.
    /// - Throws: `corrupt` for a damaged row (checksum) or a row count that differs from the one recorded.
    public func vectorIndexes() throws(PersistenceError) -> [VectorIndexDefinition] {
        try withConnection { (db) throws(PersistenceError) in
            let rows = try Self.readVectorIndexRows(db, verify: true)
            let recorded = try Self.metaInt(db, "vector_index_count")
            guard recorded == rows.count else {
                throw PersistenceError(
                    .corrupt, file: db.path, "the file records \(recorded) vector indexes but holds \(rows.count) (a row is missing)")
            }
            return rows
        }
    }

    /// The absolute path of an index's file.
    public func path(of d: VectorIndexDefinition) -> String { directory + "/" + d.file }

    /// A new file number for an index (numbers are never handed out twice), and makes sure the
    /// `indexes` directory exists.
    public func reserveVectorIndexFile() throws(PersistenceError) -> Int64 {
        let dir = directory + "/indexes"
        if mkdir(dir, 0o755) != 0 && errno != EEXIST {
            throw PersistenceError(.io, file: dir, "cannot create the index directory: \(String(cString: strerror(errno)))")
        }
        return try transaction { (db) throws(PersistenceError) -> Int64 in
            let next = max(1, try Self.metaInt(db, "next_index_file"))
            try Self.setMeta(db, "next_index_file", String(next + 1))
            return Int64(next)
        }
    }

    /// Creates or replaces a vector index definition (after its file has been written).
    public func saveVectorIndex(_ d: VectorIndexDefinition) throws(PersistenceError) {
        precondition(d.fileID > 0, "an index definition is saved with the file number reserveVectorIndexFile() gave it")
        try transaction { (db) throws(PersistenceError) in
            try Self.writeVectorIndexRow(db, d)
            try Self.setMeta(db, "vector_index_count", String(try db.scalarInt("SELECT COUNT(*) FROM vector_indexes") ?? 0))
        }
    }

    /// Removes a vector index definition and then its file. - Returns: whether it existed.
    @discardableResult
    public func dropVectorIndex(named name: String) throws(PersistenceError) -> Bool {
        let defs = try vectorIndexes().filter { $0.name == name }
        try transaction { (db) throws(PersistenceError) in
            let s = try db.prepare("DELETE FROM vector_indexes WHERE name = ?")
            s.bind(1, name)
            try s.run()
            try Self.setMeta(db, "vector_index_count", String(try db.scalarInt("SELECT COUNT(*) FROM vector_indexes") ?? 0))
        }
        for d in defs where d.fileID > 0 { unlink(path(of: d)) }
        return !defs.isEmpty
    }

    static func readVectorIndexRows(_ db: SQLiteConnection, verify: Bool) throws(PersistenceError) -> [VectorIndexDefinition] {
        let s = try db.prepare(
            "SELECT name, label, key, dimensions, similarity, lists, file_id, sequence, crc FROM vector_indexes ORDER BY name")
        var out: [VectorIndexDefinition] = []
        while try s.step() {
            if verify {
                let crc = RowChecksum.vectorIndex(
                    name: s.textBytes(0), label: s.textBytes(1), key: s.textBytes(2), dimensions: s.int(3),
                    similarity: s.textBytes(4), lists: s.int(5), fileID: s.int(6), sequence: s.int(7))
                guard s.isInteger(8), s.int(8) == crc, let name = s.validText(0) else {
                    throw PersistenceError(.corrupt, file: db.path, "vector index `\(s.text(0))`: checksum mismatch (the row is damaged)")
                }
                guard s.int(6) > 0 else {
                    throw PersistenceError(.corrupt, file: db.path, "vector index `\(name)` has no file number")
                }
            }
            // `label` and `key` hold names here (the columns are typed loosely in SQLite).
            out.append(VectorIndexDefinition(
                name: s.text(0), label: s.text(1), property: s.text(2), dimensions: Int(s.int(3)), similarity: s.text(4),
                lists: Int(s.int(5)), fileID: s.int(6), sequence: s.int(7)))
        }
        return out
    }

    static func writeVectorIndexRow(_ db: SQLiteConnection, _ d: VectorIndexDefinition) throws(PersistenceError) {
        let s = try db.prepare(
            "INSERT OR REPLACE INTO vector_indexes(name, label, key, dimensions, similarity, lists, file, file_id, sequence, crc) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        s.bind(1, d.name)
        s.bind(2, d.label)
        s.bind(3, d.property)
        s.bind(4, d.dimensions)
        s.bind(5, d.similarity)
        s.bind(6, d.lists)
        s.bind(7, d.file)
        s.bind(8, d.fileID)
        s.bind(9, d.sequence)
        s.bind(10, RowChecksum.vectorIndex(
            name: Array(d.name.utf8), label: Array(d.label.utf8), key: Array(d.property.utf8), dimensions: Int64(d.dimensions),
            similarity: Array(d.similarity.utf8), lists: Int64(d.lists), fileID: d.fileID, sequence: d.sequence))
        try s.run()
    }
}
