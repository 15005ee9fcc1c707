import GraphImport
import GraphStore
import Testing
import TestSupport

@Suite struct SyntheticGraphGeneratorTests {
    static let small = SyntheticGraphConfig(customers: 2_000, products: 500, purchases: 20_000, seed: 7)

    func generate(_ config: SyntheticGraphConfig) throws -> GraphSnapshot {
        let store = GraphStore()
        _ = try store.write { txn in try SyntheticGraphGenerator.run(config, into: &txn) }
        return store.snapshot
    }

    @Test func createsAllLabelsAndElevenRelationshipTypes() throws {
        let s = try generate(Self.small)
        for label in ["Customer", "Product", "Category", "Influencer"] {
            #expect(s.catalog.label(label).map { s.nodeCount(label: $0) } ?? 0 > 0, "no \(label) nodes")
        }
        #expect(s.nodeCount(label: s.catalog.label("Customer")!) == 2_000)
        #expect(s.nodeCount(label: s.catalog.label("Product")!) == 500)
        for type in SyntheticGraphGenerator.relationshipTypes {
            let t = try #require(s.catalog.relationshipType(type), "missing \(type)")
            #expect(s.relationshipCount(type: t) > 0, "no \(type) relationships")
        }
        #expect(s.relationshipCount(type: s.catalog.relationshipType("PURCHASED")!) == 20_000)
        #expect(s.lookup(label: "Customer", key: "id", value: "C1") != nil)
    }

    @Test func sameSeedSameGraphOtherSeedOtherGraph() throws {
        func fingerprint(_ s: GraphSnapshot) -> [Int] {
            let purchased = s.catalog.relationshipType("PURCHASED")!
            return (0..<s.nodeIDLimit).map { s.degree(of: NodeID($0), type: purchased, direction: .both) }
        }
        let a = try generate(Self.small)
        let b = try generate(Self.small)
        var other = Self.small
        other.seed = 8
        let c = try generate(other)
        #expect(fingerprint(a) == fingerprint(b))
        #expect(fingerprint(a) != fingerprint(c))
        #expect(a.properties(of: NodeID(100)) == b.properties(of: NodeID(100)))
    }

    @Test func popularityIsSkewed() throws {
        let s = try generate(Self.small)
        let purchased = s.catalog.relationshipType("PURCHASED")!
        let degrees = s.nodes(label: s.catalog.label("Product")!)
            .map { s.degree(of: $0, type: purchased, direction: .incoming) }.sorted(by: >)
        // Under a power law the top 1% of products take far more than 1% of purchases.
        let top = degrees.prefix(5).reduce(0, +)
        #expect(Double(top) / 20_000 > 0.04)
    }

    @Test func exportThenImportRoundTrips() throws {
        let s = try generate(SyntheticGraphConfig(customers: 300, products: 100, purchases: 2_000, seed: 3))
        let dir = SharedData.temporaryDirectory()
        let files = try Neo4jAdminExporter.write(s, to: dir)
        let nodeFiles = files.filter { $0.contains("/nodes_") }.map { NodeFile(path: $0) }
        let relFiles = files.filter { $0.contains("/rels_") }.map { RelationshipFile(path: $0) }
        let store = GraphStore()
        let report = try store.write { txn in try Neo4jAdminImporter().run(nodes: nodeFiles, relationships: relFiles, into: &txn) }
        #expect(report.nodesCreated == s.nodeCount)
        #expect(report.relationshipsCreated == s.relationshipCount)
        let t = store.snapshot
        for type in SyntheticGraphGenerator.relationshipTypes {
            #expect(t.relationshipCount(type: t.catalog.relationshipType(type)!)
                == s.relationshipCount(type: s.catalog.relationshipType(type)!))
        }
        let product = t.nodes(label: t.catalog.label("Product")!).first!
        #expect(t.property(product, "price")?.numericValue != nil)
    }

    @Test func outOfRangeConfigIsRejected() throws {
        let err = #expect(throws: ImportError.self) {
            _ = try generate(SyntheticGraphConfig(customers: 0, products: 1, purchases: 1))
        }
        #expect(err?.code == .invalidArgument)
    }
}
