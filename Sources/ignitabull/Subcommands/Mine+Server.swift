import GraphStore
import QueryServer
import Recommend

extension Ignitabull.Mine {
    /// Through a running server: it mines its live graph in one durable write; the answer is printed as a local
    /// run prints its result.
    func run(through remote: ServedDirectory) throws {
        remote.announce("the server mines its live graph", storage)
        let t = thresholds
        let answer = try remote.call(
            remote.path("mine"),
            [
                "minCount": .int(Int64(t.minCount)), "minSupport": .double(t.minSupport),
                "minConfidence": .double(t.minConfidence), "minLift": .double(t.minLift),
            ])
        let c = answer["changes"]
        let changes = FrequentlyBoughtTogether.Changes(
            created: Self.int(c?["created"]), updated: Self.int(c?["updated"]), deleted: Self.int(c?["deleted"]),
            unchanged: Self.int(c?["unchanged"]))
        let top = (answer["top"]?.arrayValue ?? []).map { p in
            (Self.int(p["count"]), p["lift"]?.doubleValue ?? 0, Self.shown(p["first"]), Self.shown(p["second"]))
        }
        Report.mined(
            baskets: Self.int(answer["baskets"]), distinctPairs: Self.int(answer["distinctPairs"]), kept: Self.int(answer["kept"]),
            thresholds: t, seconds: answer["seconds"]?.doubleValue ?? 0, changes: changes, top: top)
    }

    private static func int(_ j: JSON?) -> Int { Int(j?.intValue ?? 0) }

    /// A product as a local run shows it: its description, else its id.
    private static func shown(_ product: JSON?) -> PropertyValue {
        for key in ["description", "id"] {
            switch product?[key] {
            case .string(let s)?: return .string(s)
            case .int(let i)?: return .int(i)
            case .double(let d)?: return .double(d)
            default: continue
            }
        }
        return .null
    }
}
