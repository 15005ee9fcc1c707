extension JSON {
    /// Refuses (400 `BadRequest`) a body that is not an object or has a field outside `fields`, so a misspelt
    /// setting is an error rather than silently its default.
    func requireObject(fields: [String]) throws(APIError) {
        guard case .object(let pairs) = self else { throw APIError.badRequest("the body must be a JSON object, not \(typeName)") }
        for (key, _) in pairs where !fields.contains(key) {
            throw APIError.badRequest("unknown field `\(key)` (expected \(fields.map { "`\($0)`" }.joined(separator: ", ")))")
        }
    }

    /// The integer under `field` (absent or null: `fallback`); 400 when it is not an integer in `range`.
    func integer(_ field: String, default fallback: Int, in range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let v = self[field], v != .null else { return fallback }
        guard case .int(let i) = v, i >= range.lowerBound, i <= range.upperBound else {
            let limits = range.upperBound >= Int(Int32.max) ? "≥ \(range.lowerBound)" : "in \(range.lowerBound)...\(range.upperBound)"
            throw APIError.badRequest("`\(field)` must be an integer \(limits), not \(v.text)")
        }
        return Int(i)
    }

    /// The number under `field` (absent or null: `fallback`); 400 when it is not a number in `range`.
    func number(_ field: String, default fallback: Double?, in range: ClosedRange<Double>) throws(APIError) -> Double? {
        guard let v = self[field], v != .null else { return fallback }
        guard let d = v.doubleValue, range.contains(d) else {
            func shown(_ x: Double) -> String { x == x.rounded() ? String(Int(x)) : String(x) }
            let limits = range.upperBound == .greatestFiniteMagnitude
                ? "≥ \(shown(range.lowerBound))" : "in \(shown(range.lowerBound))...\(shown(range.upperBound))"
            throw APIError.badRequest("`\(field)` must be a number \(limits), not \(v.text)")
        }
        return d
    }

    /// The boolean under `field` (absent or null: `fallback`); 400 when it is not a boolean.
    func flag(_ field: String, default fallback: Bool) throws(APIError) -> Bool {
        guard let v = self[field], v != .null else { return fallback }
        guard let b = v.boolValue else { throw APIError.badRequest("`\(field)` must be true or false, not \(v.text)") }
        return b
    }

    /// The string under `field` (absent or null: `fallback`); 400 when it is not one of `choices`.
    func choice(_ field: String, _ choices: [String], default fallback: String) throws(APIError) -> String {
        guard let v = self[field], v != .null else { return fallback }
        guard let s = v.stringValue, choices.contains(s) else {
            throw APIError.badRequest("`\(field)` must be one of \(choices.joined(separator: ", ")), not \(v.text)")
        }
        return s
    }
}
