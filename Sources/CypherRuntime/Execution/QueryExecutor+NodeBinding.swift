import CypherSyntax
import GraphStore

/// What a node pattern asks of every candidate, resolved once per match rather than per candidate: its labels'
/// ids, and the WHERE conjuncts pushed down to its variable, split as `PropertyFilter` splits them: leading
/// `v.key op e` comparisons read the property by key id and compare directly, the rest go to the evaluator.
struct CandidateCheck {
    /// The pattern's variable and property map (kept here so that a candidate does not copy the pattern).
    let variable: String?
    let properties: Expression?
    /// nil when a label does not exist in the graph (then no node matches).
    let labels: [LabelID]?
    /// Every pushed-down conjunct, evaluated one by one when the direct tests' operands cannot be evaluated.
    let filters: [Expression]
    /// The direct tests: the property's key id (nil: no node has that key), the operator and the other operand.
    let testKeys: [PropertyKeyID?]
    let testOperators: [ComparisonOperator]
    let testOperands: [Expression]
    /// The conjuncts after the direct tests.
    let residual: [Expression]

    init(_ pattern: NodePattern, _ graph: GraphSnapshot, _ filters: [String: [Expression]]) {
        variable = pattern.variable
        properties = pattern.properties
        var ids: [LabelID]? = []
        for name in pattern.labels {
            guard let id = graph.catalog.label(name) else {
                ids = nil
                break
            }
            ids?.append(id)
        }
        labels = ids
        let conjuncts = pattern.variable.flatMap { filters[$0] } ?? []
        self.filters = conjuncts
        guard let v = pattern.variable else {
            (testKeys, testOperators, testOperands, residual) = ([], [], [], [])
            return
        }
        let split = PropertyFilter(conjuncts: conjuncts, variable: v)
        testKeys = split.tests.map { graph.catalog.propertyKey($0.key) }
        testOperators = split.tests.map(\.op)
        testOperands = split.tests.map(\.value)
        residual = split.residualConjuncts
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
    /// The direct tests' other operands, evaluated at the first candidate; empty when one of them failed (then
    /// every conjunct goes to the evaluator, which leaves a failing one to the WHERE).
    var operands: [Value]?

    init(_ pattern: NodePattern, _ row: Row) {
        self.row = row
        scratch = row
        bound = pattern.variable.flatMap { row[$0] }
    }
}
