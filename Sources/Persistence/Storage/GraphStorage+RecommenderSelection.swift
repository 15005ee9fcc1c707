extension GraphStorage {
    /// The `meta` key under which the recommender's automatic model selection is kept.
    static let recommenderSelectionKey = "recommender_selection"

    /// The recommender's stored model selection (its text form, as the Recommend module writes
    /// it), or nil when none was stored.
    public func recommenderSelection() throws(PersistenceError) -> String? {
        try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare("SELECT value FROM meta WHERE key = ?")
            s.bind(1, Self.recommenderSelectionKey)
            return try s.step() ? s.text(0) : nil
        }
    }

    /// Stores (replacing) the recommender's model selection, durably (one SQLite transaction).
    public func saveRecommenderSelection(_ text: String) throws(PersistenceError) {
        try withConnection { (db) throws(PersistenceError) in
            let s = try db.prepare("INSERT OR REPLACE INTO meta(key, value, crc) VALUES (?, ?, ?)")
            s.bind(1, Self.recommenderSelectionKey)
            s.bind(2, text)
            s.bind(3, RowChecksum.meta(key: Self.recommenderSelectionKey, value: text))
            try s.run()
        }
    }
}
