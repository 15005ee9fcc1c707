// The operator enums used by `Expression.Kind`: binary, unary, comparison and list quantifiers.

/// Binary operators other than comparisons.
public enum BinaryOperator: String, Sendable, Hashable {
    case or = "OR", xor = "XOR", and = "AND"
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "^"
    case `in` = "IN", startsWith = "STARTS WITH", endsWith = "ENDS WITH", contains = "CONTAINS"
    case regexMatch = "=~"
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case not = "NOT", minus = "-", plus = "+"
}

/// Operators of a comparison chain.
public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=", notEqual = "<>", less = "<", greater = ">", lessOrEqual = "<=", greaterOrEqual = ">="
}

/// The list predicates `all`, `any`, `none` and `single`.
public enum Quantifier: String, Sendable, Hashable {
    case all, any, none, single
}
