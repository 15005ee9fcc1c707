import Recommend
import Testing

@Suite struct EvaluationSplitTests {
    typealias E = Interactions.Event

    @Test func temporalSplit() throws {
        let events = [
            // user 0: items 0 and 1 before the cut (1 also after), 2 and 0 after.
            E(user: 0, item: 0, time: 50), E(user: 0, item: 1, time: 60), E(user: 0, item: 1, time: 150),
            E(user: 0, item: 2, time: 120), E(user: 0, item: 0, time: 130),
            // user 1: nothing before the cut; user 2: nothing after.
            E(user: 1, item: 3, time: 200), E(user: 2, item: 0, time: 10),
            // user 3: a time tie in train (larger item first); the cut itself is test.
            E(user: 3, item: 2, time: 40), E(user: 3, item: 3, time: 40), E(user: 3, item: 0, time: 100),
            // user 4: bought after the cut only what they already had.
            E(user: 4, item: 1, time: 5), E(user: 4, item: 1, time: 500),
        ]
        let split = EvaluationSplit.temporal(try Interactions(users: 5, items: 4, events: events), cut: 100)
        #expect(split.history == [[1, 0], [], [0], [3, 2], [1]])
        #expect(split.test == [[2], [3], [], [0], []])
        #expect(split.evaluatedUsers == [0, 3])
        #expect(split.trainCount == 6)
    }

    @Test func leaveLastOut() throws {
        let events = [
            // user 0: items 1 and 2 tie for the latest: the larger id (2) is held out.
            E(user: 0, item: 0, time: 1), E(user: 0, item: 1, time: 5), E(user: 0, item: 2, time: 5),
            E(user: 0, item: 3, time: 3),
            // user 1: a single positive stays in train, unevaluated.
            E(user: 1, item: 0, time: 7),
            // user 2: a repeated item counts once, at its latest time.
            E(user: 2, item: 0, time: 1), E(user: 2, item: 1, time: 2), E(user: 2, item: 0, time: 9),
        ]
        let split = EvaluationSplit.leaveLastOut(try Interactions(users: 3, items: 4, events: events), minItems: 2)
        #expect(split.test == [[2], [], [0]])
        #expect(split.history == [[1, 3, 0], [0], [1]])
        #expect(split.evaluatedUsers == [0, 2])
    }

    @Test func eventsOutOfRangeAreRejected() {
        #expect(throws: RecommendError.self) {
            _ = try Interactions(users: 1, items: 1, events: [E(user: 0, item: 1, time: 0)])
        }
    }

    @Test func validationSplitsUseTrainDataOnly() throws {
        let x = try Interactions(
            users: 1, items: 4,
            events: [
                E(user: 0, item: 0, time: 1), E(user: 0, item: 1, time: 2), E(user: 0, item: 2, time: 3),
                E(user: 0, item: 3, time: 4),
            ])
        let test = EvaluationSplit.leaveLastOut(x)
        #expect(test.test == [[3]])
        let validation = EvaluationSplit.leaveLastOut(x.removingTest(of: test))
        #expect(validation.test == [[2]])
        #expect(validation.history == [[1, 0]])
        #expect(x.before(3).events.map(\.item) == [0, 1])
    }
}
