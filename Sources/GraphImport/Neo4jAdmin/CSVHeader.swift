/// One column of a neo4j-admin import header, such as `id:ID(Customer)`, `:LABEL`,
/// `:START_ID(Customer)`, `price:float` or `tags:string[]`.
public struct CSVColumn: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        /// The node's id within an ID space; stored as property `name` when a name is given.
        case id(space: String)
        /// Labels, separated by the array delimiter.
        case label
        /// A relationship's start node id, in an ID space.
        case startID(space: String)
        /// A relationship's end node id, in an ID space.
        case endID(space: String)
        /// The relationship type.
        case type
        /// A property of the given type.
        case property(ColumnType)
        /// A column to skip.
        case ignore
    }

    public let name: String
    public let role: Role
}

/// A parsed neo4j-admin header line.
public struct CSVHeader: Sendable {
    public let columns: [CSVColumn]

    /// The ID space used when a header names none, as in neo4j-admin.
    public static let globalSpace = ""

    /// Parses the header record.
    /// - Throws: `badHeader` naming the column for an unknown type or a malformed ID space.
    init(_ record: CSVRecord, file: String) throws(ImportError) {
        var columns: [CSVColumn] = []
        for i in 0..<record.count {
            let text = record.string(i)
            let column = record.column(i)
            func bad(_ why: String) -> ImportError {
                ImportError(.badHeader, file: file, line: record.line, column: column, "header `\(text)`: \(why)")
            }
            guard let colon = text.lastIndex(of: ":") else {
                columns.append(CSVColumn(name: text, role: .property(.string)))
                continue
            }
            let name = String(text[..<colon])
            var spec = String(text[text.index(after: colon)...])
            var space = CSVHeader.globalSpace
            if let open = spec.firstIndex(of: "(") {
                guard spec.hasSuffix(")") else { throw bad("an ID space must be written `(Name)`") }
                space = String(spec[spec.index(after: open)..<spec.index(before: spec.endIndex)])
                spec = String(spec[..<open])
            }
            let role: CSVColumn.Role
            switch spec.uppercased() {
            case "ID": role = .id(space: space)
            case "LABEL": role = .label
            case "START_ID": role = .startID(space: space)
            case "END_ID": role = .endID(space: space)
            case "TYPE": role = .type
            case "IGNORE": role = .ignore
            default:
                guard let t = ColumnType(name: spec) else {
                    throw bad(
                        "unknown type `\(spec)` (expected int, long, float, double, boolean, string, vector, "
                            + "an array such as string[], or ID, LABEL, START_ID, END_ID, TYPE, IGNORE)")
                }
                guard !name.isEmpty else { throw bad("a property column needs a name before the colon") }
                role = .property(t)
            }
            columns.append(CSVColumn(name: name, role: role))
        }
        self.columns = columns
    }
}
