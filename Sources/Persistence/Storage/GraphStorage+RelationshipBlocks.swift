import GraphStore

extension GraphStorage.Statements {
    /// Writes block `block` of `s`'s relationships with its checksum, or removes the row when no
    /// relationship of the block exists any more.
    func block(_ block: Int, of s: GraphSnapshot) throws(PersistenceError) {
        guard let data = RelationshipBlockWriter.encode(block: block, of: s) else {
            deleteBlock.bind(1, block)
            try deleteBlock.run()
            return
        }
        try GraphStorage.writeBlock(upsertBlock, block, data)
    }
}

extension GraphStorage {
    /// Runs `statement` (an insert into `relationship_blocks` of block, data, crc) for one block, with its checksum.
    static func writeBlock(_ statement: SQLiteStatement, _ block: Int, _ data: [UInt8]) throws(PersistenceError) {
        statement.bind(1, block)
        statement.bind(2, data)
        statement.bind(3, data.withUnsafeBytes { RowChecksum.relationshipBlock(block: Int64(block), data: $0) })
        try statement.run()
    }

    /// Completes schema version 7 inside the migration's transaction: moves every row of
    /// `relationships` into its block, then drops the table. Each row's checksum is verified
    /// first, so a damaged row is refused here as `load()` would have refused it, never given a
    /// block checksum that makes it look sound.
    static func packRelationships(_ db: SQLiteConnection) throws(PersistenceError) {
        let rows = try db.prepare("SELECT id, type, source, target, properties, crc FROM relationships ORDER BY id")
        let insert = try db.prepare("INSERT INTO relationship_blocks(block, data, crc) VALUES (?, ?, ?)")
        var block = -1
        var writer = RelationshipBlockWriter()
        func flush() throws(PersistenceError) {
            guard !writer.isEmpty else { return }
            try writeBlock(insert, block, writer.bytes)
            writer = RelationshipBlockWriter()
        }
        while try rows.step() {
            let id = rows.int(0), type = rows.int(1), source = rows.int(2), target = rows.int(3)
            let properties = rows.withBlob(4) { Array($0) }
            guard rows.isInteger(5),
                rows.int(5) == RowChecksum.relationship(id: id, type: type, source: source, target: target, properties: properties)
            else { throw PersistenceError(.corrupt, file: db.path, "relationship \(id): checksum mismatch (the row is damaged)") }
            guard id >= 0, id < Int64(UInt32.max), type >= 0, type <= Int64(UInt16.max) else {
                throw PersistenceError(.corrupt, file: db.path, "relationship \(id): bad id or type \(type)")
            }
            let b = Int(id) / RelationshipBlockWriter.size
            if b != block {
                try flush()
                block = b
            }
            writer.append(slot: Int(id) % RelationshipBlockWriter.size, type: type, source: source, target: target) {
                $0.bytes.append(contentsOf: properties)
            }
        }
        try flush()
        try db.execute("DROP TABLE relationships")
    }
}
