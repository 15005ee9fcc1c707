/// What the Online Retail import read, kept and skipped.
public struct OnlineRetailReport: Sendable {
    /// Why a line was not kept, in the order the rules are applied (a line counts under the first rule it fails).
    public enum SkipReason: String, Sendable, CaseIterable {
        case cancellation = "invoice starts with C (cancellation)"
        case adjustment = "invoice starts with A (bad-debt adjustment)"
        case missingCustomer = "no CustomerID"
        case nonPositiveQuantity = "Quantity <= 0"
        case nonPositivePrice = "UnitPrice <= 0"
    }

    /// Data lines read (the header excluded).
    public var linesRead = 0
    /// Clean purchases kept, one PURCHASED relationship each.
    public var purchases = 0
    /// Skipped lines by reason.
    public var skipped: [SkipReason: Int] = [:]
    public var customers = 0
    public var products = 0
    /// Distinct invoices among the kept lines.
    public var baskets = 0
    /// Distinct (customer, product) pairs among the kept lines.
    public var customerProductPairs = 0

    public var skippedTotal: Int { skipped.values.reduce(0, +) }
}
