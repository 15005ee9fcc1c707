public import GraphStore

/// The result of a query: column names, rows, and what a write changed.
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[Value]]
    public var statistics: WriteStatistics
    /// Properties removed (set to null or REMOVEd); `WriteStatistics` counts only properties set.
    public var propertiesRemoved: Int
    /// The graph version the rows refer to (for reading node and relationship details).
    public var snapshot: GraphSnapshot
    /// The plan description for EXPLAIN (the query is not run) and PROFILE (run, plus the row count); else empty.
    public var plan: [String] = []
}
