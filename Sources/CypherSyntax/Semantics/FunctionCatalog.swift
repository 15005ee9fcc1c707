/// Built-in function names known at compile time, their aggregation status and simple argument/return types.
enum FunctionCatalog {
    static let aggregates: Set<String> = [
        "count", "sum", "avg", "min", "max", "collect", "stdev", "stdevp", "percentilecont", "percentiledisc",
    ]

    static let scalars: Set<String> = [
        "abs", "acos", "asin", "atan", "atan2", "ceil", "coalesce", "cos", "cot", "degrees", "e", "endnode", "exp",
        "floor", "haversin", "head", "id", "keys", "labels", "last", "left", "length", "log", "log10", "ltrim",
        "nodes", "pi", "properties", "radians", "rand", "range", "relationships", "replace", "reverse", "right",
        "round", "rtrim", "sign", "sin", "size", "split", "sqrt", "startnode", "substring", "tail", "tan",
        "timestamp", "toboolean", "tofloat", "tointeger", "tolower", "tostring", "toupper", "trim", "type",
        "exists", "isempty", "elementid", "tostringornull", "tointegerornull", "tofloatornull", "tobooleanornull",
        "tobooleanlist", "tofloatlist", "tointegerlist", "tostringlist", "date", "datetime", "localdatetime",
        "localtime", "time", "duration", "randomuuid", "char_length", "character_length", "lower", "upper",
        "normalize", "btrim", "valuetype", "nullif", "cosh", "sinh", "tanh", "coth", "isnan",
    ]

    /// Namespaces whose functions are accepted without a per-name list (temporal helpers and user namespaces).
    static let temporalNamespaces: Set<String> = ["date", "datetime", "localdatetime", "localtime", "time", "duration"]

    static func isAggregate(_ call: FunctionCall) -> Bool {
        call.namespace.isEmpty && aggregates.contains(call.name.lowercased())
    }

    static func isKnown(_ call: FunctionCall) -> Bool {
        if !call.namespace.isEmpty { return true }
        let name = call.name.lowercased()
        return aggregates.contains(name) || scalars.contains(name)
    }

    /// The result type of a call given its argument types.
    static func resultType(_ call: FunctionCall, _ arguments: [StaticType]) -> StaticType {
        guard call.namespace.isEmpty else { return .any }
        switch call.name.lowercased() {
        case "count", "size", "length", "id", "sign", "tointeger", "timestamp": return .integer
        case "collect", "labels", "keys", "nodes", "relationships", "range", "split", "tail":
            return .list(.any)
        case "tostring", "type", "tolower", "toupper", "trim", "ltrim", "rtrim", "substring", "left", "right",
            "replace", "elementid":
            return .string
        case "tofloat", "sqrt", "rand", "pi", "e", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos",
            "atan", "atan2", "cot", "degrees", "radians", "haversin", "avg", "stdev", "stdevp", "percentilecont":
            return .float
        case "toboolean", "exists", "isempty": return .boolean
        case "properties": return .map
        case "startnode", "endnode": return .node
        default: return .any
        }
    }

    /// Argument types a function rejects at compile time: (argument index, allowed types). `any`/`null` always pass.
    static func allowedArgumentTypes(_ call: FunctionCall) -> [Int: (StaticType) -> Bool] {
        guard call.namespace.isEmpty else { return [:] }
        switch call.name.lowercased() {
        case "properties":
            return [0: { $0 == .node || $0 == .relationship || $0 == .map }]
        case "labels":
            return [0: { $0 == .node }]
        case "type", "startnode", "endnode":
            return [0: { $0 == .relationship }]
        case "length":
            return [
                0: { t in
                    if case .list = t { return true }
                    return t == .path || t == .string
                }
            ]
        case "size":
            return [
                0: { t in
                    if case .list = t { return true }
                    return t == .string
                }
            ]
        case "nodes", "relationships":
            return [0: { $0 == .path }]
        default:
            return [:]
        }
    }
}
