import CypherSyntax

extension QueryExecutor {
    /// The output columns of a CALL clause: the YIELD names, or every output of the procedure.
    func callColumns(_ c: CallClause) throws -> [String] {
        guard let procedure = procedures[c.qualifiedName] else {
            throw CypherRuntimeError(.procedureNotFound, "there is no procedure \(c.qualifiedName)")
        }
        return c.yieldItems?.map(\.name) ?? procedure.signature.outputs.map(\.name)
    }

    /// CALL in a query: one output row per input row and procedure result.
    func call(_ c: CallClause, _ rows: [Row]) throws -> [Row] {
        if c.qualifiedName == CallClause.setNodeVectorPropertyName { return try setNodeVectorProperty(c, rows) }
        guard let procedure = procedures[c.qualifiedName] else {
            throw CypherRuntimeError(.procedureNotFound, "there is no procedure \(c.qualifiedName)")
        }
        let outputs = procedure.signature.outputs.map(\.name)
        var out: [Row] = []
        for row in rows {
            let arguments: [Value]
            if let expressions = c.arguments {
                arguments = try expressions.map { try eval($0, row) }
            } else {
                let required = procedure.signature.inputs.count - procedure.signature.optionalInputs
                arguments = try procedure.signature.inputs.enumerated().map { i, input in
                    if i >= required { return parameters[input.name] ?? .null }
                    guard let v = parameters[input.name] else {
                        throw CypherRuntimeError(.missingParameter, "expected parameter $\(input.name)")
                    }
                    return v
                }
            }
            let context = ProcedureContext(
                graph: graph, vectorIndexes: vectorIndexes,
                procedures: procedures.values.sorted { $0.name < $1.name })
            let results = try procedure.run(context, arguments)
            if outputs.isEmpty {
                out.append(row)
                continue
            }
            for result in results {
                try spend()
                var r = row
                if let items = c.yieldItems {
                    for item in items {
                        guard let i = outputs.firstIndex(of: item.field) else { continue }
                        r[item.name] = result[i]
                    }
                } else {
                    for (i, name) in outputs.enumerated() { r[name] = result[i] }
                }
                if let w = c.whereClause, try eval(w, r) != .bool(true) { continue }
                out.append(r)
            }
        }
        return out
    }
}
