public import CypherRuntime
import Synchronization

extension Database {
    /// The work budget of a query run through a database, unless changed with `setWorkBudget(_:setting:)`:
    /// 50,000,000 units (rows produced plus relationships expanded). At about a microsecond a unit that is
    /// near the default 30-second time limit, so a legitimate heavy query (a co-purchase on a best-selling
    /// product at ten million purchases) meets the time and memory limits, as in Neo4j, before the budget.
    public static let defaultWorkBudget = 50_000_000

    /// The work budget of each query (`Int.max` when there is none).
    public var workBudget: Int { budget.withLock { $0.units } }

    /// Sets the work budget of the queries run from now on, through every path (in process, HTTP, Bolt);
    /// 0 means none. `setting` names what raises it (a server option) in the error a query gets when it runs out.
    public func setWorkBudget(_ units: Int, setting: String? = nil) {
        budget.withLock { $0 = (units <= 0 ? Int.max : units, setting) }
    }

    /// Query limits with this database's work budget and `timeLimit` (the other limits at their defaults).
    public func limits(timeLimit: Duration?) -> QueryLimits {
        let (units, setting) = budget.withLock { $0 }
        var limits = QueryLimits(budget: units, timeLimit: timeLimit)
        limits.budgetSetting = setting
        return limits
    }
}
