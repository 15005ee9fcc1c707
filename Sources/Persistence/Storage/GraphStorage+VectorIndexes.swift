extension GraphStorage {
    /// The stored vector index definitions, by name.
    public func vectorIndexes() throws(PersistenceError) -> [VectorIndexDefinition] {
        try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare(
                "SELECT name, label, key, dimensions, similarity, lists, file, sequence FROM vector_indexes ORDER BY name")
            var out: [VectorIndexDefinition] = []
            while try s.step() {
                // `label` and `key` hold names here (the columns are typed loosely in SQLite).
                out.append(VectorIndexDefinition(
                    name: s.text(0), label: s.text(1), property: s.text(2), dimensions: Int(s.int(3)), similarity: s.text(4),
                    lists: Int(s.int(5)), file: s.text(6), sequence: s.int(7)))
            }
            return out
        }
    }

    /// Creates or replaces a vector index definition (after its file has been written).
    public func saveVectorIndex(_ d: VectorIndexDefinition) throws(PersistenceError) {
        try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare(
                "INSERT OR REPLACE INTO vector_indexes(name, label, key, dimensions, similarity, lists, file, sequence) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            s.bind(1, d.name)
            s.bind(2, d.label)
            s.bind(3, d.property)
            s.bind(4, d.dimensions)
            s.bind(5, d.similarity)
            s.bind(6, d.lists)
            s.bind(7, d.file)
            s.bind(8, d.sequence)
            try s.run()
        }
    }

    /// Removes a vector index definition. - Returns: whether it existed.
    @discardableResult
    public func dropVectorIndex(named name: String) throws(PersistenceError) -> Bool {
        try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare("DELETE FROM vector_indexes WHERE name = ?")
            s.bind(1, name)
            try s.run()
            return (try db.scalarInt("SELECT changes()") ?? 0) > 0
        }
    }
}
