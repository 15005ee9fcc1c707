/// The rule every stored name follows: labels, relationship types, property keys, and the names
/// of constraints and indexes.
///
/// A name is non-empty and contains no NUL character (U+0000); Swift strings are always valid
/// Unicode, and the storage layer rejects invalid UTF-8 when it reads a name back. The rule is
/// checked once, where a name first enters the graph (`Catalog` interning a token, a constraint
/// or index being created), so a name that is accepted is stored and read back byte for byte.
/// Neo4j answers the same names with "Token names cannot be empty or contain any null-bytes";
/// PostgreSQL refuses NUL in text outright.
public enum TokenName {
    /// Throws `invalidName` unless `name` may be stored as a `kind` name (e.g. "label").
    public static func validate(_ name: String, kind: String) throws(GraphStoreError) {
        if name.isEmpty { throw GraphStoreError(.invalidName, "a \(kind) name cannot be empty") }
        if name.utf8.contains(0) {
            throw GraphStoreError(
                .invalidName, "a \(kind) name cannot contain the NUL character (U+0000): `\(printable(name))`")
        }
    }

    /// Whether `name` follows the rule.
    public static func isValid(_ name: String) -> Bool { !name.isEmpty && !name.utf8.contains(0) }

    /// `name` with NUL and other control characters shown as `\u{…}` escapes, for messages.
    public static func printable(_ name: String) -> String {
        var out = ""
        for u in name.unicodeScalars {
            if u.value < 0x20 || u.value == 0x7F {
                out += "\\u{\(String(u.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
