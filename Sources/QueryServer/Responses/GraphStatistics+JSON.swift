public import GraphStore

/// `GraphStatistics` as `GET /db/{db}/stats` sends it, and back: `ignitabull stats` through a server decodes
/// with the same code the server encodes with, and prints what a local `stats` prints.
extension GraphStatistics {
    public var json: JSON {
        [
            "nodes": .int(Int64(nodes)), "relationships": .int(Int64(relationships)),
            "labels": .array(nodesByLabel.map { ["label": .string($0.label), "count": .int(Int64($0.count))] }),
            "relationshipTypes": .array(
                relationshipsByType.map {
                    ["type": .string($0.type), "count": .int(Int64($0.count)), "outDegree": $0.out.json, "inDegree": $0.in.json]
                }),
            "memory": [
                "adjacency": .int(Int64(memory.adjacency)), "relationshipTable": .int(Int64(memory.relationshipTable)),
                "nodeTable": .int(Int64(memory.nodeTable)), "properties": .int(Int64(memory.properties)),
                "indexes": .int(Int64(memory.indexes)), "total": .int(Int64(memory.total)),
            ],
        ]
    }

    /// Reads `json`; nil when a field is missing or has the wrong type.
    public init?(json: JSON) {
        self.init()
        guard let n = json["nodes"]?.int, let r = json["relationships"]?.int, let labels = json["labels"]?.arrayValue,
            let types = json["relationshipTypes"]?.arrayValue, let m = json["memory"]
        else { return nil }
        (nodes, relationships) = (n, r)
        for l in labels {
            guard let name = l["label"]?.stringValue, let count = l["count"]?.int else { return nil }
            nodesByLabel.append((name, count))
        }
        for t in types {
            guard let name = t["type"]?.stringValue, let count = t["count"]?.int,
                let out = t["outDegree"].flatMap(DegreeDistribution.init(json:)),
                let inward = t["inDegree"].flatMap(DegreeDistribution.init(json:))
            else { return nil }
            relationshipsByType.append((name, count, out, inward))
        }
        guard let a = m["adjacency"]?.int, let rt = m["relationshipTable"]?.int, let nt = m["nodeTable"]?.int,
            let p = m["properties"]?.int, let i = m["indexes"]?.int
        else { return nil }
        (memory.adjacency, memory.relationshipTable, memory.nodeTable, memory.properties, memory.indexes) = (a, rt, nt, p, i)
    }
}

extension DegreeDistribution {
    var json: JSON {
        [
            "nodes": .int(Int64(nodes)), "min": .int(Int64(min)), "p50": .int(Int64(p50)), "p90": .int(Int64(p90)),
            "p99": .int(Int64(p99)), "max": .int(Int64(max)), "mean": .double(mean),
        ]
    }

    init?(json: JSON) {
        self.init()
        guard let n = json["nodes"]?.int, let lo = json["min"]?.int, let p50 = json["p50"]?.int,
            let p90 = json["p90"]?.int, let p99 = json["p99"]?.int, let hi = json["max"]?.int,
            let mean = json["mean"]?.doubleValue
        else { return nil }
        (nodes, min, self.p50, self.p90, self.p99, max, self.mean) = (n, lo, p50, p90, p99, hi, mean)
    }
}

extension JSON {
    /// An integer that fits `Int`.
    var int: Int? { intValue.map { Int($0) } }
}
