#if canImport(Glibc)
import Glibc
#endif
public import GraphStore

/// Writes a snapshot as neo4j-admin import CSV files: one node file per label combination's first
/// label (`nodes_<Label>.csv`) and one relationship file per type (`rels_<TYPE>.csv`), with typed
/// headers, so `neo4j-admin database import` or `ignitabull import` can load it back.
///
/// Node ids are written as `:ID` values in one global ID space (the internal id), labels in a
/// `:LABEL` column, and each property key becomes a typed column (the type of its first value seen).
public enum Neo4jAdminExporter {
    /// Writes the files into `directory` (which must exist) and returns their paths.
    public static func write(_ s: GraphSnapshot, to directory: String) throws(ImportError) -> [String] {
        var written: [String] = []
        // Group nodes by first label.
        var groups: [String: [NodeID]] = [:]
        s.forEachNode { n in groups[s.labelNames(of: n).first ?? "_", default: []].append(n) }
        for (label, nodes) in groups.sorted(by: { $0.key < $1.key }) {
            let keys = columnKeys(nodes.lazy.map { s.properties(of: $0) }, s)
            let path = "\(directory)/nodes_\(label).csv"
            let out = try Output(path)
            out.line([":ID", ":LABEL"] + keys.map { "\(s.catalog.name(of: $0.key)):\($0.type)" })
            for n in nodes {
                let props = s.properties(of: n)
                out.line([String(n.rawValue), s.labelNames(of: n).joined(separator: ";")]
                    + keys.map { props[$0.key].map(field) ?? "" })
            }
            try out.close()
            written.append(path)
        }
        for t in s.relationshipTypes {
            let name = s.catalog.name(of: t)
            var rels: [RelationshipID] = []
            s.forEachNode { n in s.forEachRelationship(of: n, type: t, direction: .outgoing) { _, r in rels.append(r) } }
            guard !rels.isEmpty else { continue }
            let keys = columnKeys(rels.lazy.map { s.properties(of: $0) }, s)
            let path = "\(directory)/rels_\(name).csv"
            let out = try Output(path)
            out.line([":START_ID", ":END_ID", ":TYPE"] + keys.map { "\(s.catalog.name(of: $0.key)):\($0.type)" })
            for r in rels {
                let props = s.properties(of: r)
                out.line([String(s.source(of: r).rawValue), String(s.target(of: r).rawValue), name]
                    + keys.map { props[$0.key].map(field) ?? "" })
            }
            try out.close()
            written.append(path)
        }
        return written
    }

    private static func columnKeys(
        _ maps: some Sequence<PropertyMap>, _ s: GraphSnapshot
    ) -> [(key: PropertyKeyID, type: String)] {
        var seen: [PropertyKeyID: String] = [:]
        for m in maps {
            for e in m where seen[e.key] == nil { seen[e.key] = typeName(e.value) }
        }
        return seen.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    private static func typeName(_ v: PropertyValue) -> String {
        switch v {
        case .int: "long"
        case .double: "double"
        case .bool: "boolean"
        case .vector: "vector"
        case .list(let l): (l.first.map(typeName) ?? "string") + "[]"
        default: "string"
        }
    }

    private static func field(_ v: PropertyValue) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return "\(d)"
        case .string(let s): return quote(s)
        case .vector(let f): return f.map { "\($0)" }.joined(separator: ";")
        case .list(let l): return quote(l.map { if case .string(let s) = $0 { s } else { "\($0)" } }.joined(separator: ";"))
        case .map: return quote("\(v)")
        }
    }

    private static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || s.isEmpty else { return s }
        var out = "\""
        for ch in s {
            if ch == "\"" { out += "\"\"" } else { out.append(ch) }
        }
        return out + "\""
    }

    /// A buffered file writer.
    private final class Output {
        let path: String
        let file: UnsafeMutablePointer<FILE>

        init(_ path: String) throws(ImportError) {
            guard let f = fopen(path, "wb") else { throw ImportError(.io, file: path, "cannot create file") }
            self.path = path
            file = f
        }

        func line(_ fields: [String]) {
            var text = fields.joined(separator: ",")
            text.append("\n")
            text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
        }

        func close() throws(ImportError) {
            guard fclose(file) == 0 else { throw ImportError(.io, file: path, "cannot write file") }
        }
    }
}
