import CSQLite

/// Facts about the SQLite library the engine is linked against.
public enum SQLiteLibrary {
    /// The runtime library's version, e.g. `3.40.1`.
    public static var version: String { String(cString: sqlite3_libversion()) }

    /// Whether the library was built thread-safe (required: the engine reads from many threads).
    public static var isThreadSafe: Bool { sqlite3_threadsafe() != 0 }
}
