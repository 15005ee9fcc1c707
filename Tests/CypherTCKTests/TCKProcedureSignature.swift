import CypherSyntax

/// Parses a TCK procedure declaration, e.g. `test.my.proc(in :: INTEGER?) :: (out :: STRING?)`.
enum TCKProcedureSignature {
    struct Failure: Error, CustomStringConvertible {
        var text: String
        var description: String { "Malformed procedure signature: \(text)" }
    }

    static func parse(_ text: String) throws(Failure) -> (String, SemanticChecker.ProcedureSignature) {
        guard let open = text.firstIndex(of: "("), let separator = text.firstRange(of: ") ::") else {
            throw Failure(text: text)
        }
        let name = text[..<open].trimmingSpaces
        let inputs = try fields(String(text[text.index(after: open)..<separator.lowerBound]), text)
        var rest = text[separator.upperBound...].trimmingSpaces
        guard rest.hasPrefix("("), rest.hasSuffix(")") else { throw Failure(text: text) }
        rest = String(rest.dropFirst().dropLast())
        let outputs = try fields(rest, text)
        return (name, SemanticChecker.ProcedureSignature(inputs: inputs, outputs: outputs))
    }

    private static func fields(_ list: String, _ text: String) throws(Failure) -> [(name: String, type: StaticType)] {
        var result: [(name: String, type: StaticType)] = []
        for field in list.split(separator: ",") where !field.trimmingSpaces.isEmpty {
            guard let colons = field.firstRange(of: "::") else { throw Failure(text: text) }
            let name = field[..<colons.lowerBound].trimmingSpaces
            var typeName = field[colons.upperBound...].trimmingSpaces
            if typeName.hasSuffix("?") { typeName.removeLast() }
            let type: StaticType =
                switch typeName.uppercased() {
                case "INTEGER": .integer
                case "FLOAT": .float
                case "STRING": .string
                case "BOOLEAN": .boolean
                case "NODE": .node
                case "RELATIONSHIP": .relationship
                case "PATH": .path
                case "MAP": .map
                default: .any
                }
            result.append((name, type))
        }
        return result
    }
}
