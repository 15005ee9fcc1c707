/// A database name that follows Neo4j's rules, checked before it is used anywhere (never a path until then):
/// 3 to 63 characters, ASCII letters, digits, dots and dashes, starting with a letter; compared lower-cased.
/// `system` is a valid name but reserved for the system database.
public struct DatabaseName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The lower-cased name.
    public let rawValue: String

    /// The default database: the data directory itself.
    public static let defaultName = DatabaseName(trusted: "neo4j")
    /// The system database (users, roles, databases); it has no graph.
    public static let system = DatabaseName(trusted: "system")

    private init(trusted: String) { rawValue = trusted }

    /// Checks `text` and lower-cases it.
    /// - Throws: `EngineError.invalidName`, saying which rule failed (the name is quoted only when printable).
    public init(_ text: String) throws(EngineError) {
        let bytes = Array(text.utf8)
        func refuse(_ why: String) -> EngineError {
            let shown = bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) && bytes.count <= 80 ? "'\(text)'" : "given"
            return EngineError(.invalidName, "The database name \(shown) is not valid: \(why).")
        }
        guard (3...63).contains(bytes.count) else { throw refuse("a name has 3 to 63 characters") }
        guard let first = bytes.first, Self.isLetter(first) else { throw refuse("a name starts with an ASCII letter") }
        guard bytes.allSatisfy({ Self.isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D }) else {
            throw refuse("a name holds only ASCII letters, digits, dots (.) and dashes (-)")
        }
        rawValue = String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }

    public var description: String { rawValue }
    public static func < (a: DatabaseName, b: DatabaseName) -> Bool { a.rawValue < b.rawValue }
}
