import CypherSyntax
import GraphStore

/// Counts answered from the graph's statistics, as Neo4j's count store answers them: a MATCH of one node pattern
/// (`(n)`, `(n:Label)`) or one directed relationship between unlabelled nodes (`()-[r]->()`, `()-[r:TYPE]->()`),
/// with no WHERE and no property maps, followed by a projection of counts (`count(*)`, `count(n)`, `count(r)`)
/// and constants (parameters and literals, such as `RETURN $id AS id, count(r) AS n`).
/// The live counts per label and per type are kept by every write, so the answer costs O(1) on any graph, inside a
/// transaction too (its own writes included).
struct StoredCount {
    enum Source {
        case nodes(label: String?)
        case relationships(type: String?)
    }

    let source: Source
    /// The projection's column names.
    let columns: [String]
    /// The constant items by column position (grouping keys); every other column is the count.
    let constants: [Int: Expression]

    /// The plan for `match` followed by `projection`, or nil when the pair does not have that shape. `bound` holds
    /// the variables bound before the MATCH: none of the pattern's may be among them.
    static func plan(_ match: MatchClause, then p: ProjectionClause, bound: Set<String>) -> StoredCount? {
        guard match.search == nil, !match.optional, match.whereClause == nil, match.pattern.parts.count == 1 else {
            return nil
        }
        let part = match.pattern.parts[0]
        guard part.variable == nil, part.shortest == nil, !p.includesAll, !p.items.isEmpty, !p.distinct,
            p.whereClause == nil, p.orderBy.isEmpty, p.skip == nil, p.limit == nil
        else { return nil }
        let nodes = part.element.nodes
        guard nodes.allSatisfy({ $0.properties == nil }) else { return nil }
        let names = QueryExecutor.patternVariables([part])
        guard Set(names).count == names.count, bound.isDisjoint(with: names) else { return nil }
        let source: Source
        var counted = Set<String>()
        switch part.element.chain.count {
        case 0:
            guard nodes[0].labels.count <= 1 else { return nil }
            source = .nodes(label: nodes[0].labels.first)
            counted = Set(names)
        case 1:
            let r = part.element.chain[0].relationship
            guard nodes.allSatisfy({ $0.labels.isEmpty }), r.direction != .both, r.length == nil,
                r.properties == nil, r.types.count <= 1
            else { return nil }
            source = .relationships(type: r.types.first)
            // Every match binds a distinct relationship, so count(DISTINCT r) is the count too; not so the ends.
            counted = Set([r.variable].compactMap { $0 })
            for node in nodes { if let v = node.variable { counted.insert("+" + v) } }
        default: return nil
        }
        var constants: [Int: Expression] = [:]
        for (i, item) in p.items.enumerated() {
            switch item.expression.kind {
            case .countStar: continue
            case .parameter, .integer, .float, .string, .boolean, .null: constants[i] = item.expression
            case .function(let call) where call.namespace.isEmpty && call.name.lowercased() == "count":
                guard call.arguments.count == 1, case .variable(let v) = call.arguments[0].kind,
                    counted.contains(v) || (!call.distinct && counted.contains("+" + v))
                else { return nil }
            default: return nil
            }
        }
        guard constants.count < p.items.count else { return nil }
        return StoredCount(source: source, columns: p.items.map(\.name), constants: constants)
    }

    /// The projection's rows for `count` matches: one row, or none when constants group an empty match (as an
    /// aggregation with grouping keys over no rows gives no rows).
    func rows(count: Int, constant: (Expression) throws -> Value) rethrows -> [[Value]] {
        if count == 0 && !constants.isEmpty { return [] }
        let n = Value.int(Int64(count))
        return [try columns.indices.map { i in try constants[i].map(constant) ?? n }]
    }

    /// The count on `graph`.
    /// - Complexity: O(1).
    func count(in graph: GraphSnapshot) -> Int {
        switch source {
        case .nodes(nil): graph.nodeCount
        case .nodes(let label?): graph.catalog.label(label).map { graph.nodeCount(label: $0) } ?? 0
        case .relationships(nil): graph.relationshipCount
        case .relationships(let type?): graph.catalog.relationshipType(type).map { graph.relationshipCount(type: $0) } ?? 0
        }
    }
}
