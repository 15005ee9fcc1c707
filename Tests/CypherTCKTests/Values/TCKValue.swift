/// An expected value in a TCK result or parameter table.
indirect enum TCKValue: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case float(Double)
    case string(String)
    case list([TCKValue])
    /// Keys in written order.
    case map([(String, TCKValue)])
    case node(labels: [String], properties: [(String, TCKValue)])
    case relationship(type: String?, properties: [(String, TCKValue)])
    /// Alternating nodes and relationships; `forward[i]` tells the direction of relationship `i`.
    case path(nodes: [TCKValue], relationships: [TCKValue], forward: [Bool])

    static func == (lhs: TCKValue, rhs: TCKValue) -> Bool { lhs.description == rhs.description }
    func hash(into hasher: inout Hasher) { hasher.combine(description) }
}

extension TCKValue: CustomStringConvertible {
    var description: String {
        func props(_ p: [(String, TCKValue)]) -> String {
            "{" + p.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
        }
        switch self {
        case .null: return "null"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .float(let f): return f.isNaN ? "NaN" : String(f)
        case .string(let s): return "'\(s)'"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        case .map(let m): return props(m)
        case .node(let labels, let p):
            return "(" + labels.map { ":\($0)" }.joined() + (p.isEmpty ? "" : " " + props(p)) + ")"
        case .relationship(let t, let p):
            return "[" + (t.map { ":\($0)" } ?? "") + (p.isEmpty ? "" : " " + props(p)) + "]"
        case .path(let nodes, let rels, let forward):
            var text = "<" + nodes[0].description
            for i in rels.indices {
                text += forward[i] ? "-\(rels[i])->" : "<-\(rels[i])-"
                text += nodes[i + 1].description
            }
            return text + ">"
        }
    }
}
