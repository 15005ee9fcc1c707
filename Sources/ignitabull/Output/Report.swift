import Engine
import GraphImport
import GraphStore
import Recommend

/// Text reports printed by the commands.
enum Report {
    static func seconds(_ s: Double) -> String {
        s < 1 ? "\(Int((s * 1000).rounded())) ms" : "\(Double(Int(s * 100)) / 100) s"
    }

    static func bytes(_ b: Int) -> String {
        let mib = Double(b) / 1_048_576
        return mib >= 1 ? "\(Double(Int(mib * 10)) / 10) MiB" : "\(b / 1024) KiB"
    }

    static func number(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 && ch != "-" { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    static func onlineRetail(_ r: OnlineRetailReport, seconds s: Double) {
        print("Online Retail import: \(number(r.linesRead)) lines read in \(seconds(s))")
        print("  kept \(number(r.purchases)) clean purchases (\(number(r.baskets)) baskets, \(number(r.customerProductPairs)) customer-product pairs)")
        print("  \(number(r.customers)) customers, \(number(r.products)) products")
        print("  skipped \(number(r.skippedTotal)) lines:")
        for reason in OnlineRetailReport.SkipReason.allCases {
            print("    \(number(r.skipped[reason] ?? 0).leftPadded(9))  \(reason.rawValue)")
        }
    }

    /// Counts, degrees and memory of a graph; `residentBytes` is the resident size of the process that holds it
    /// (this one, or the server's when `stats` went through a server).
    static func statistics(_ s: GraphStatistics, degrees: Bool, residentBytes resident: Int = residentBytes()) {
        print("graph: \(number(s.nodes)) nodes, \(number(s.relationships)) relationships")
        print("  nodes by label:")
        for (label, count) in s.nodesByLabel { print("    \(number(count).leftPadded(11))  \(label)") }
        print("  relationships by type:")
        for t in s.relationshipsByType {
            print("    \(number(t.count).leftPadded(11))  \(t.type)")
            if degrees && t.count > 0 {
                print("                 out-degree: \(degreeLine(t.out))")
                print("                  in-degree: \(degreeLine(t.in))")
            }
        }
        let m = s.memory
        print("  memory (estimated from allocated storage):")
        print("    adjacency            \(bytes(m.adjacency).leftPadded(10))  (\(per(m.adjacency, s.relationships)) bytes/relationship, both directions)")
        print("    relationship table   \(bytes(m.relationshipTable).leftPadded(10))  (\(per(m.relationshipTable, s.relationships)) bytes/relationship)")
        print("    node table + labels  \(bytes(m.nodeTable).leftPadded(10))")
        print("    properties           \(bytes(m.properties).leftPadded(10))")
        print("    unique indexes       \(bytes(m.indexes).leftPadded(10))")
        print("    total                \(bytes(m.total).leftPadded(10))")
        print("    process resident     \(bytes(resident).leftPadded(10))")
    }

    /// The recommender's automatic model selection (`ModelSelection.table`), as `stats` ends.
    static func modelSelection(_ table: String?) {
        print("  recommender (auto strategy):")
        guard let table else {
            print("    no model selection stored yet (made at the first recommendation or `ignitabull score`)")
            return
        }
        for line in table.split(separator: "\n") { print("    \(line)") }
    }

    /// What `mine` found and changed, with the `top` pairs (each product shown by its description or id).
    static func mined(
        baskets: Int, distinctPairs: Int, kept: Int, thresholds t: MiningThresholds, seconds: Double,
        changes c: FrequentlyBoughtTogether.Changes, top: [(count: Int, lift: Double, first: PropertyValue, second: PropertyValue)]
    ) {
        print("mined \(number(baskets)) baskets: \(number(distinctPairs)) distinct co-purchased pairs, "
            + "\(number(kept)) kept (count >= \(t.minCount), lift >= \(t.minLift)) in \(Report.seconds(seconds))")
        print("FREQUENTLY_BOUGHT_WITH: \(c.created) created, \(c.updated) updated, \(c.deleted) deleted, \(c.unchanged) unchanged")
        for p in top {
            print("  \(String(p.count).leftPadded(5))  lift \(Double(Int(p.lift * 10)) / 10)  \(p.first) + \(p.second)")
        }
    }

    static func degreeLine(_ d: DegreeDistribution) -> String {
        "\(number(d.nodes)) nodes, min \(d.min), p50 \(d.p50), p90 \(d.p90), p99 \(d.p99), max \(number(d.max)), mean \(Double(Int(d.mean * 10)) / 10)"
    }

    static func per(_ bytes: Int, _ n: Int) -> String {
        n == 0 ? "-" : "\(Double(Int(Double(bytes) / Double(n) * 10)) / 10)"
    }

    /// Resident set size: the second field of /proc/self/statm, in pages.
    static func residentBytes() -> Int {
        guard let f = fopen("/proc/self/statm", "r") else { return 0 }
        defer { fclose(f) }
        var buf = [CChar](repeating: 0, count: 128)
        guard fgets(&buf, 128, f) != nil else { return 0 }
        let fields = String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

#if canImport(Glibc)
import Glibc
#endif

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
