import GraphStore
import Recommend
import TestSupport
import Testing

@Suite struct InteractionsTests {
    @Test func fromGraphSnapshot() throws {
        let store = GraphStore()
        try store.write { txn in
            let p = try (0..<3).map { i in try txn.createNode(labels: ["Product"], properties: ["id": .string("p\(i)")])
            }
            let c0 = try txn.createNode(labels: ["Customer"])
            let c1 = try txn.createNode(labels: ["Customer"])
            _ = try txn.createNode(labels: ["Customer"])  // bought nothing: not a user
            for (c, item, t) in [(c0, 0, 100), (c0, 2, 200), (c1, 2, 50), (c1, 2, 300)] {
                try txn.createRelationship(
                    from: c, to: p[item], type: "PURCHASED", properties: ["timestamp": .int(Int64(t))])
            }
        }
        let (x, users, items) = try Interactions.fromGraph(store.snapshot)
        #expect(x.users == 2 && users.count == 2)
        #expect(x.items == 2 && items.count == 2)  // p1 was never bought
        let s = store.snapshot
        #expect(items.map { s.property($0, "id")!.stringValue! } == ["p0", "p2"])
        let events = Set(x.events.map { [Int($0.user), Int($0.item), Int($0.time)] })
        #expect(events == [[0, 0, 100], [0, 1, 200], [1, 1, 50], [1, 1, 300]])
        let split = EvaluationSplit.temporal(x, cut: 150)
        #expect(split.evaluatedUsers == [0])
        #expect(split.test[0] == [1])
    }

    @Test func graphWithoutPurchasesIsAnError() {
        let store = GraphStore()
        #expect(throws: RecommendError.self) { _ = try Interactions(snapshot: store.snapshot) }
    }

    @Test func movieLensLoaderKeepsPositivesAndTheWholeCatalogue() throws {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("7\t30\t5\t100\n7\t10\t3\t90\n2\t20\t4\t80\n", to: dir + "/u.data")
        let x = try Interactions.movieLens(path: dir + "/u.data", minRating: 4)
        #expect(x.users == 2 && x.items == 3)
        // Dense ids follow raw ids: users 2→0, 7→1; items 10→0, 20→1, 30→2.
        #expect(x.events.map { [$0.user, $0.item] } == [[1, 2], [0, 1]])
        #expect(x.events.map(\.time) == [100, 80])
    }

    @Test func movieLensErrors() {
        let dir = SharedData.temporaryDirectory()
        SharedData.write("1\t2\t5\n", to: dir + "/short.data")
        SharedData.write("1\t2\tx\t3\n", to: dir + "/bad.data")
        for name in ["short.data", "bad.data"] {
            do {
                _ = try Interactions.movieLens(path: dir + "/" + name)
                Issue.record("\(name) was accepted")
            } catch {
                #expect(error.code == .malformedInput)
                #expect(error.message.contains(":1:"))
            }
        }
        do {
            _ = try Interactions.movieLens(path: dir + "/missing.data")
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.code == .io)
        }
    }
}
