import CypherSyntax
import GraphStore

/// What a node pattern asks of every candidate, resolved once per match rather than per candidate: its labels'
/// ids, and the WHERE conjuncts pushed down to its variable.
struct CandidateCheck {
    /// nil when a label does not exist in the graph (then no node matches).
    let labels: [LabelID]?
    let filters: [Expression]

    init(_ pattern: NodePattern, _ graph: GraphSnapshot, _ filters: [String: [Expression]]) {
        var ids: [LabelID]? = []
        for name in pattern.labels {
            guard let id = graph.catalog.label(name) else {
                ids = nil
                break
            }
            ids?.append(id)
        }
        labels = ids
        self.filters = pattern.variable.flatMap { filters[$0] } ?? []
    }
}

/// The candidates for one node pattern under one input row. Each candidate is bound into `scratch` in place, so
/// one that is ruled out costs no copy of the row; the row's own binding of the variable and the pattern's
/// property map are looked up once.
struct NodeBinder {
    /// The input row (the property map is evaluated against it, without a candidate bound).
    let row: Row
    /// The input row with the latest candidate bound to the pattern's variable.
    var scratch: Row
    /// The variable's value in the input row, when the row binds it already.
    let bound: Value?
    /// The pattern's property map, evaluated at the first candidate.
    var properties: Value?

    init(_ pattern: NodePattern, _ row: Row) {
        self.row = row
        scratch = row
        bound = pattern.variable.flatMap { row[$0] }
    }
}
