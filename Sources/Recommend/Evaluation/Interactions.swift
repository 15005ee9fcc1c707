/// A plain list of user–item events with dense ids: the input of an offline evaluation.
///
/// Users are `0..<users` and items `0..<items`; the catalogue is every item, including items that
/// appear in no event (ml-100k's low-rated films, for instance). Several events may name the same
/// (user, item) pair; splits reduce them to binary interactions.
public struct Interactions: Sendable {
    /// One interaction at a time in seconds.
    public struct Event: Sendable, Hashable {
        public var user: UInt32
        public var item: UInt32
        public var time: Int64

        public init(user: UInt32, item: UInt32, time: Int64) {
            self.user = user
            self.item = item
            self.time = time
        }
    }

    public let users: Int
    public let items: Int
    public let events: [Event]

    /// - Throws: `RecommendError.invalidArgument` when an event names a user or item out of range.
    public init(users: Int, items: Int, events: [Event]) throws(RecommendError) {
        guard users >= 0, items >= 0 else { throw RecommendError(.invalidArgument, "negative user or item count") }
        for e in events where Int(e.user) >= users || Int(e.item) >= items {
            throw RecommendError(
                .invalidArgument, "event (user \(e.user), item \(e.item)) outside \(users) users × \(items) items")
        }
        self.users = users
        self.items = items
        self.events = events
    }

    /// A subset of `self`'s events: already in range, so nothing to check.
    func keeping(_ isIncluded: (Event) -> Bool) -> Interactions {
        Interactions(checked: self, events: events.filter(isIncluded))
    }

    private init(checked: Interactions, events: [Event]) {
        users = checked.users
        items = checked.items
        self.events = events
    }
}
