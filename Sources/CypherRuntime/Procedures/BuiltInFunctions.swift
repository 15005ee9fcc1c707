/// The functions the runtime implements, as `SHOW FUNCTIONS` lists them: Neo4j's spelling and category
/// (https://neo4j.com/docs/cypher-manual/current/functions/).
enum BuiltInFunctions {
    static let categories: [(category: String, names: [String])] = [
        ("Aggregating", [
            "avg", "collect", "count", "max", "min", "percentileCont", "percentileDisc", "stDev", "stDevP", "sum",
        ]),
        ("Scalar", [
            "char_length", "character_length", "coalesce", "elementId", "endNode", "head", "id", "last", "length",
            "nullIf", "properties", "randomUUID", "size", "startNode", "timestamp", "toBoolean", "toBooleanOrNull",
            "toFloat", "toFloatOrNull", "toInteger", "toIntegerOrNull", "type", "valueType",
        ]),
        ("List", [
            "keys", "labels", "nodes", "range", "relationships", "reverse", "tail", "toBooleanList", "toFloatList",
            "toIntegerList", "toStringList",
        ]),
        ("Numeric", ["abs", "ceil", "floor", "isNaN", "rand", "round", "sign"]),
        ("Logarithmic", ["e", "exp", "log", "log10", "sqrt"]),
        ("Trigonometric", [
            "acos", "asin", "atan", "atan2", "cos", "cosh", "cot", "coth", "degrees", "haversin", "pi", "radians",
            "sin", "sinh", "tan", "tanh",
        ]),
        ("String", [
            "btrim", "left", "lower", "ltrim", "normalize", "replace", "right", "rtrim", "split", "substring",
            "toLower", "toString", "toStringOrNull", "toUpper", "trim", "upper",
        ]),
        ("Predicate", ["exists", "isEmpty"]),
        ("Temporal", [
            "date", "date.truncate", "datetime", "datetime.fromepoch", "datetime.fromepochmillis", "datetime.truncate",
            "duration", "duration.between", "duration.inDays", "duration.inMonths", "duration.inSeconds",
            "localdatetime", "localdatetime.truncate", "localtime", "localtime.truncate", "time", "time.truncate",
        ]),
    ]

    /// One row per function, sorted by name, keyed by the columns of `ShowCatalog.functions`.
    static let rows: [[String: Value]] = categories.flatMap { entry in
        entry.names.map { name -> [String: Value] in
            [
                "name": .string(name), "category": .string(entry.category),
                "description": .string("\(entry.category) function \(name)()."), "signature": .string("\(name)(…)"),
                "isBuiltIn": .bool(true), "argumentDescription": .list([]), "returnDescription": .string("ANY"),
                "aggregating": .bool(entry.category == "Aggregating"), "rolesExecution": .null,
                "rolesBoostedExecution": .null, "isDeprecated": .bool(false),
            ]
        }
    }.sorted { a, b in
        if case .string(let x) = a["name"], case .string(let y) = b["name"] { return x < y }
        return false
    }
}
