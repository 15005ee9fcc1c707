import CypherSyntax
import GraphStore

/// The EXPLAIN / PROFILE text of a query: one line per clause, naming the operators the executor uses and, for
/// each path pattern, the start point it would choose on `graph` and the expansions from it.
enum PlanDescription {
    static func describe(_ query: Query, graph: GraphSnapshot) -> [String] {
        var lines: [String] = []
        for (i, part) in query.parts.enumerated() {
            if i > 0 { lines.append(query.unionAll[i - 1] ? "UnionAll" : "Union (distinct)") }
            var bound: Row = [:]
            var answered: Int?
            for (index, clause) in part.clauses.enumerated() where index != answered {
                if case .match(let m) = clause.kind, index + 1 < part.clauses.count,
                    let p = projection(part.clauses[index + 1]),
                    let counted = StoredCount.plan(m, then: p, bound: Set(bound.keys))
                {
                    let store = if case .nodes = counted.source { "NodeCountFromCountStore" } else { "RelationshipCountFromCountStore" }
                    lines.append("\(part.clauses[index + 1].keyword): \(store) (from the graph's statistics)")
                    if case .with = part.clauses[index + 1].kind {
                        bound = [:]
                        for name in counted.columns { bound[name] = .null }
                    }
                    answered = index + 1
                    continue
                }
                if case .match(let m) = clause.kind, index + 1 < part.clauses.count,
                    let p = projection(part.clauses[index + 1]),
                    ExpandCount.plan(m, then: p, bound: Set(bound.keys)) != nil
                {
                    let line = describe(clause, bound: &bound, graph: graph)
                    lines.append(line + " -> ExpandCount (paths counted per end node, not materialised)")
                    continue
                }
                if case .match(let m) = clause.kind, index + 1 < part.clauses.count,
                    let p = projection(part.clauses[index + 1]),
                    let top = TopPrefilter.plan(m, then: p, bound: Set(bound.keys), k: 1)
                {
                    let keys = top.keys.map { "\($0.variable).\($0.property)" }.joined(separator: ", ")
                    let line = describe(clause, bound: &bound, graph: graph)
                    lines.append(line + " -> TopFilter(\(keys)) (rows ranked below the LIMIT are not built)")
                    continue
                }
                lines.append(describe(clause, bound: &bound, graph: graph))
            }
        }
        return lines
    }

    private static func projection(_ clause: Clause) -> ProjectionClause? {
        switch clause.kind {
        case .with(let p), .return(let p): p
        default: nil
        }
    }

    private static func describe(_ clause: Clause, bound: inout Row, graph: GraphSnapshot) -> String {
        func declare(_ names: [String]) { for n in names { bound[n] = .null } }
        switch clause.kind {
        case .match(let m):
            var searchText = ""
            if let search = m.search {
                // The search binds its node first; the pattern then starts from it.
                bound[search.variable] = .null
                if let score = search.scoreVariable { bound[score] = .null }
                searchText = "VectorSearch(\(search.indexName)\(search.filter != nil ? ", filtered in index" : "")) -> "
            }
            let seeks = IdSeek.seeks(m.whereClause, pattern: m.pattern.parts)
            let propertySeeks = PropertySeek.seeks(m.whereClause, pattern: m.pattern.parts)
            let paths = m.pattern.parts.map { part -> String in
                let (index, start) = StartPoint.plan(
                    part.element, row: bound, graph: graph, seeks: seeks, propertySeeks: propertySeeks)
                var steps = [start.describe(part.element.nodes[index], graph: graph)]
                let count = part.element.chain.count
                for j in index..<count { steps.append("Expand(\(expansion(part.element.chain[j])))") }
                for j in (0..<index).reversed() { steps.append("Expand(reverse \(expansion(part.element.chain[j])))") }
                declare(QueryExecutor.patternVariables([part]))
                return steps.joined(separator: " -> ")
            }
            var text = (m.optional ? "OptionalMatch: " : "Match: ") + searchText + paths.joined(separator: ", ")
            if m.whereClause != nil { text += " -> Filter" }
            return text
        case .with(let p), .return(let p):
            var ops = [p.items.contains { QueryExecutor.containsAggregate($0.expression) } ? "EagerAggregation" : "Projection"]
            if p.distinct { ops.append("Distinct") }
            if p.whereClause != nil { ops.append("Filter") }
            // ORDER BY with a LIMIT keeps SKIP + LIMIT rows in a heap (see `QueryExecutor+Top`).
            let top = !p.orderBy.isEmpty && p.limit != nil
            if !p.orderBy.isEmpty { ops.append(top ? "Top" : "Sort") }
            if p.skip != nil { ops.append("Skip") }
            if p.limit != nil && !top { ops.append("Limit") }
            if case .with = clause.kind {
                bound = [:]
                for item in p.items { bound[item.name] = .null }
            }
            return clause.keyword + ": " + ops.joined(separator: " -> ")
        case .unwind(let u):
            declare([u.variable])
            return "Unwind(\(u.variable))"
        case .create(let pattern):
            declare(QueryExecutor.patternVariables(pattern.parts))
            return "Create"
        case .merge(let m):
            declare(QueryExecutor.patternVariables([m.pattern]))
            return "Merge"
        default:
            return clause.keyword
        }
    }

    private static func expansion(_ step: PatternStep) -> String {
        let r = step.relationship
        let types = r.types.isEmpty ? "" : ":" + r.types.joined(separator: "|")
        let length =
            r.length.map { "*\($0.minimum.map(String.init) ?? "")..\($0.maximum.map(String.init) ?? "")" } ?? ""
        let arrow =
            switch r.direction {
            case .outgoing: ("-", "->")
            case .incoming: ("<-", "-")
            case .both: ("-", "-")
            }
        return "\(arrow.0)[\(r.variable ?? "")\(types)\(length)]\(arrow.1)(\(step.node.variable ?? "_"))"
    }
}
