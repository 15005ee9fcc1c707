/// The SQLite schema, as an ordered list of forward migrations. `PRAGMA user_version` records how
/// many have been applied; opening a file applies the missing ones in one transaction, and a file
/// from a newer engine (a higher version than this list knows) is refused.
enum Schema {
    static let migrations: [String] = [
        // 1: the graph, its tokens and constraints, vector indexes, and the mutation log.
        """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE tokens(kind INTEGER NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY(kind, id)) WITHOUT ROWID;
        CREATE TABLE nodes(id INTEGER PRIMARY KEY, labels BLOB NOT NULL, properties BLOB NOT NULL);
        CREATE TABLE relationships(
            id INTEGER PRIMARY KEY, type INTEGER NOT NULL, source INTEGER NOT NULL, target INTEGER NOT NULL,
            properties BLOB NOT NULL);
        CREATE TABLE constraints(name TEXT PRIMARY KEY, label INTEGER NOT NULL, key INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE vector_indexes(
            name TEXT PRIMARY KEY, label INTEGER NOT NULL, key INTEGER NOT NULL, dimensions INTEGER NOT NULL,
            similarity TEXT NOT NULL, data BLOB) WITHOUT ROWID;
        CREATE TABLE mutation_log(seq INTEGER PRIMARY KEY, committed_at INTEGER NOT NULL, mutations INTEGER NOT NULL,
            payload BLOB NOT NULL);
        INSERT INTO meta(key, value) VALUES ('format', 'ignitabull-graph'), ('node_count', '0'), ('relationship_count', '0');
        """,
        // 2: vector indexes live in files beside the database; the row records the file, the
        // number of lists, and the mutation-log sequence the file is current to.
        """
        ALTER TABLE vector_indexes ADD COLUMN file TEXT NOT NULL DEFAULT '';
        ALTER TABLE vector_indexes ADD COLUMN lists INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vector_indexes ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0;
        """,
        // 3: range and text property indexes (their entries are rebuilt from the nodes on load).
        """
        CREATE TABLE property_indexes(
            name TEXT PRIMARY KEY, kind INTEGER NOT NULL, label INTEGER NOT NULL, key INTEGER NOT NULL) WITHOUT ROWID;
        """,
        // 4: a CRC-32 beside every row (`RowChecksum`), filled in for existing rows by
        // `GraphStorage.backfillChecksums`; vector index files are named by an internal number
        // (`indexes/<file_id>.ivf`), never by the index's name, and the `file` column is no
        // longer read.
        """
        ALTER TABLE meta ADD COLUMN crc INTEGER;
        ALTER TABLE tokens ADD COLUMN crc INTEGER;
        ALTER TABLE nodes ADD COLUMN crc INTEGER;
        ALTER TABLE relationships ADD COLUMN crc INTEGER;
        ALTER TABLE constraints ADD COLUMN crc INTEGER;
        ALTER TABLE vector_indexes ADD COLUMN file_id INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE vector_indexes ADD COLUMN crc INTEGER;
        ALTER TABLE mutation_log ADD COLUMN crc INTEGER;
        """,
        // 5: what a mutation-log consumer (the Neo4j mirror) needs to address relationships it has
        // delivered: each one's type and source node, since a log entry that deletes a
        // relationship names only its id. Consumers' cursors are `meta` rows (`consumer.<name>`).
        """
        CREATE TABLE consumer_relationships(
            consumer TEXT NOT NULL, id INTEGER NOT NULL, type INTEGER NOT NULL, source INTEGER NOT NULL,
            PRIMARY KEY(consumer, id)) WITHOUT ROWID;
        """,
        // 6: node keys, uniqueness over several properties and existence constraints (`kind` is
        // `ConstraintRule.Kind`, 0 for uniqueness; for a relationship existence constraint `label` holds the
        // relationship type), and composite indexes. `more_keys` lists the property key ids after `key`,
        // comma-separated; the checksum covers `kind` and `more_keys` when they are not the defaults.
        """
        ALTER TABLE constraints ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE constraints ADD COLUMN more_keys TEXT NOT NULL DEFAULT '';
        ALTER TABLE property_indexes ADD COLUMN more_keys TEXT NOT NULL DEFAULT '';
        """,
        // 7: relationships in blocks of 32 consecutive ids (`RelationshipBlockWriter`), a CRC-32 per
        // block; `GraphStorage.packRelationships` moves the rows of `relationships` into blocks and
        // drops that table.
        """
        CREATE TABLE relationship_blocks(block INTEGER PRIMARY KEY, data BLOB NOT NULL, crc INTEGER NOT NULL);
        """,
    ]

    static var version: Int { migrations.count }
}
