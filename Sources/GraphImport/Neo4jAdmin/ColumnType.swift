import GraphStore

/// The value type of a neo4j-admin CSV column, from the part of the header after the colon:
/// `int`, `long`, `short`, `byte` → integer; `float`, `double` → float; `boolean`; `string`, `char`;
/// `vector` (our extension: float32 components separated by the array delimiter); each with an
/// optional `[]` suffix for arrays.
public enum ColumnType: Sendable, Hashable {
    case int, double, bool, string, vector
    indirect case array(ColumnType)

    public init?(name: String) {
        var n = name.lowercased()
        if n.hasSuffix("[]") {
            n.removeLast(2)
            guard let element = ColumnType(name: n), element != .vector else { return nil }
            self = .array(element)
            return
        }
        switch n {
        case "int", "long", "short", "byte": self = .int
        case "float", "double": self = .double
        case "boolean": self = .bool
        case "string", "char": self = .string
        case "vector": self = .vector
        default: return nil
        }
    }

    /// Parses `text` as this type. - Returns: nil when it does not parse.
    func parse(_ record: CSVRecord, _ i: Int, arrayDelimiter: Character) -> PropertyValue? {
        switch self {
        case .int: return record.int(i).map { .int($0) }
        case .double: return record.double(i).map { .double($0) }
        case .bool:
            if record.equals(i, "true") { return .bool(true) }
            if record.equals(i, "false") { return .bool(false) }
            let s = record.string(i).lowercased()
            return s == "true" ? .bool(true) : s == "false" ? .bool(false) : nil
        case .string: return .string(record.string(i))
        case .vector:
            var v: [Float] = []
            for part in record.string(i).split(separator: arrayDelimiter, omittingEmptySubsequences: false) {
                guard let f = Float(part.trimmingSpaces), f.isFinite else { return nil }
                v.append(f)
            }
            return .vector(v)
        case .array(let element):
            var items: [PropertyValue] = []
            for part in record.string(i).split(separator: arrayDelimiter, omittingEmptySubsequences: false) {
                guard let v = element.parse(String(part)) else { return nil }
                items.append(v)
            }
            return .list(items)
        }
    }

    private func parse(_ text: String) -> PropertyValue? {
        switch self {
        case .int: return Int64(text.trimmingSpaces).map { .int($0) }
        case .double: return Double(text.trimmingSpaces).map { .double($0) }
        case .bool:
            switch text.trimmingSpaces.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return nil
            }
        case .string: return .string(text)
        case .vector, .array: return nil
        }
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
