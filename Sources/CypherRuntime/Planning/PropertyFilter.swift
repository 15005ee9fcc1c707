import CypherSyntax
import GraphStore

/// A predicate on one node variable split into direct property tests and the rest.
///
/// The leading conjuncts of the form `v.key op e` or `e op v.key` (one comparison; `e` not reading `v`, so it is
/// evaluated once per input row) are checked by reading the property and comparing, with Cypher's comparison
/// semantics, without building a row or running the evaluator. The rest (`residual`) goes to the evaluator, only
/// for nodes that passed. A WHERE keeps a node only when every conjunct is true, so the split keeps its answer;
/// as in `FilterPushdown`, a conjunct is taken as a direct test only while the conjuncts before it cannot fail.
struct PropertyFilter {
    struct Test {
        var key: String
        var op: ComparisonOperator
        /// The other operand, evaluated once per input row.
        var value: Expression
    }

    var tests: [Test] = []
    /// The conjuncts after the tests, in order.
    var residualConjuncts: [Expression] = []
    /// The residual conjuncts as one predicate; nil when the tests are the whole of it.
    var residual: Expression? { Expression.conjunction(residualConjuncts) }

    init(_ predicate: Expression, variable: String) {
        self.init(conjuncts: FilterPushdown.conjuncts(predicate), variable: variable)
    }

    init(conjuncts: [Expression], variable: String) {
        var direct = true
        for conjunct in conjuncts {
            if direct, let test = Self.test(conjunct, variable: variable) {
                tests.append(test)
                continue
            }
            residualConjuncts.append(conjunct)
            if !FilterPushdown.cannotFail(conjunct, nodes: [variable]) { direct = false }
        }
    }

    private static func test(_ e: Expression, variable: String) -> Test? {
        guard case .comparison(let first, let links) = e.kind, links.count == 1 else { return nil }
        func key(_ side: Expression) -> String? {
            guard case .property(let base, let key) = side.kind, case .variable(let v) = base.kind, v == variable else {
                return nil
            }
            return key
        }
        func independent(_ side: Expression) -> Bool {
            guard let refs = ExpandCount.references(side) else { return false }
            return !refs.contains(variable)
        }
        let op = links[0].op
        let rhs = links[0].rhs
        if let k = key(first), independent(rhs) { return Test(key: k, op: op, value: rhs) }
        guard let k = key(rhs), independent(first) else { return nil }
        let flipped: ComparisonOperator =
            switch op {
            case .less: .greater
            case .greater: .less
            case .lessOrEqual: .greaterOrEqual
            case .greaterOrEqual: .lessOrEqual
            default: op
            }
        return Test(key: k, op: flipped, value: first)
    }
}
