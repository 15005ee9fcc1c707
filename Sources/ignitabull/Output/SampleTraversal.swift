import Engine
import GraphStore
import Recommend

/// Runs the co-purchase traversal for a few customers and prints what it found and how long it took.
enum SampleTraversal {
    static func run(_ db: Database, customers count: Int) {
        let s = db.graph.snapshot
        guard let customerLabel = s.catalog.label("Customer"), let purchased = s.catalog.relationshipType("PURCHASED") else {
            print("no Customer nodes or PURCHASED relationships: skipping the sample traversal")
            return
        }
        let all = s.nodes(label: customerLabel)
        guard !all.isEmpty else { return }
        var counter = CoPurchase(snapshot: s, type: purchased)
        let clock = ContinuousClock()
        print("sample co-purchase traversal, (c)-[:PURCHASED]->()<-[:PURCHASED]-(o)-[:PURCHASED]->(rec), top 5:")
        // Customers spread evenly over the id range: deterministic and not just the first ones.
        for i in 0..<min(count, all.count) {
            let c = all[i * all.count / min(count, all.count)]
            let t0 = clock.now
            let r = counter.scores(for: c, limit: 5)
            let elapsed = (clock.now - t0).seconds
            let id = s.property(c, "id")?.description ?? "\(c)"
            let bought = s.degree(of: c, type: purchased, direction: .outgoing)
            print("  customer \(id): \(bought) purchases, \(Report.number(r.paths)) paths, \(Report.number(r.candidates)) candidates, \(Report.seconds(elapsed))")
            for (p, n) in r.top {
                let name = s.property(p, "description") ?? s.property(p, "name") ?? s.property(p, "id") ?? .string("\(p)")
                print("    \(String(n).leftPadded(6))  \(s.property(p, "id")?.description ?? "")  \(name)")
            }
        }
    }
}
