public import GraphStore

/// Imports the UCI Online Retail invoice lines (CSV, plain or gzip) as a purchase graph.
///
/// - `(:Customer {id, country})`, one per CustomerID; country is the first one seen.
/// - `(:Product {id, stockCode, description, unitPrice})`, one per StockCode; `id` equals
///   `stockCode`; description and unit price are the most frequent ones on kept lines
///   (ties go to the first seen), with trailing spaces trimmed from the description.
/// - `(:Customer)-[:PURCHASED {invoice, quantity, unitPrice, timestamp}]->(:Product)`, one per kept
///   line; `timestamp` is seconds since 1970 with the local wall-clock time read as UTC.
///
/// Lines are kept by the dataset's clean-purchases rules: InvoiceNo does not start with C or A,
/// CustomerID is present, Quantity > 0 and UnitPrice > 0. Uniqueness constraints on
/// `Customer.id` and `Product.id` are created when missing.
public enum OnlineRetailImporter {
    static let expectedHeader = [
        "InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country",
    ]

    private struct ProductTally {
        var descriptions: [String: Int] = [:]
        var descriptionOrder: [String] = []
        var prices: [Double: Int] = [:]
        var priceOrder: [Double] = []
    }

    private struct Line {
        var customer: Int32
        var product: Int32
        var invoice: String
        var quantity: Int64
        var price: Double
        var timestamp: Int64
    }

    /// Imports `path` into `txn`.
    /// - Throws: `ImportError` with the file, line and column of a malformed line.
    public static func run(
        path: String, into txn: inout GraphTransaction,
        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil
    ) throws -> OnlineRetailReport {
        let reader = try CSVReader(path: path)
        if let progress { reader.progress = progress }
        var report = OnlineRetailReport()
        var customerIndex: [String: Int32] = [:]
        var customerIDs: [String] = []
        var customerCountry: [String] = []
        var productIndex: [String: Int32] = [:]
        var productCodes: [String] = []
        var tallies: [ProductTally] = []
        var invoices = Set<String>()
        var lines: [Line] = []
        lines.reserveCapacity(400_000)
        var sawHeader = false

        try reader.forEachRecord { rec in
            guard sawHeader else {
                let names = (0..<rec.count).map { rec.string($0) }
                guard names == expectedHeader else {
                    throw ImportError(
                        .badHeader, file: path, line: rec.line, column: 1,
                        "expected the Online Retail header \(expectedHeader.joined(separator: ",")), found \(names.joined(separator: ","))")
                }
                sawHeader = true
                return
            }
            guard rec.count == 8 else {
                throw ImportError(
                    .malformedCSV, file: path, line: rec.line, column: rec.column(rec.count - 1),
                    "expected 8 fields, found \(rec.count)")
            }
            report.linesRead += 1
            let invoiceBytes = rec.bytes(0)
            guard !invoiceBytes.isEmpty else {
                throw ImportError(.badValue, file: path, line: rec.line, column: rec.column(0), "empty InvoiceNo")
            }
            if invoiceBytes[0] == UInt8(ascii: "C") {
                report.skipped[.cancellation, default: 0] += 1
                return
            }
            if invoiceBytes[0] == UInt8(ascii: "A") {
                report.skipped[.adjustment, default: 0] += 1
                return
            }
            if rec.isEmpty(6) {
                report.skipped[.missingCustomer, default: 0] += 1
                return
            }
            guard let quantity = rec.int(3) else {
                throw ImportError(
                    .badValue, file: path, line: rec.line, column: rec.column(3),
                    "Quantity `\(rec.string(3))` is not an integer")
            }
            guard let price = rec.double(5), price.isFinite else {
                throw ImportError(
                    .badValue, file: path, line: rec.line, column: rec.column(5),
                    "UnitPrice `\(rec.string(5))` is not a number")
            }
            if quantity <= 0 {
                report.skipped[.nonPositiveQuantity, default: 0] += 1
                return
            }
            if price <= 0 {
                report.skipped[.nonPositivePrice, default: 0] += 1
                return
            }
            guard let timestamp = Timestamp.parse(rec.bytes(4)) else {
                throw ImportError(
                    .badValue, file: path, line: rec.line, column: rec.column(4),
                    "InvoiceDate `\(rec.string(4))` is not YYYY-MM-DD HH:MM:SS")
            }
            guard !rec.isEmpty(1) else {
                throw ImportError(.badValue, file: path, line: rec.line, column: rec.column(1), "empty StockCode")
            }
            let customerKey = rec.string(6)
            let customer: Int32
            if let c = customerIndex[customerKey] {
                customer = c
            } else {
                customer = Int32(customerIDs.count)
                customerIndex[customerKey] = customer
                customerIDs.append(customerKey)
                customerCountry.append(rec.string(7))
            }
            let code = rec.string(1)
            let product: Int32
            if let p = productIndex[code] {
                product = p
            } else {
                product = Int32(productCodes.count)
                productIndex[code] = product
                productCodes.append(code)
                tallies.append(ProductTally())
            }
            if !rec.isEmpty(2) {
                var d = rec.string(2)
                while d.last == " " { d.removeLast() }
                if !d.isEmpty {
                    tallies[Int(product)].descriptions[d, default: 0] += 1
                    if tallies[Int(product)].descriptions[d] == 1 { tallies[Int(product)].descriptionOrder.append(d) }
                }
            }
            tallies[Int(product)].prices[price, default: 0] += 1
            if tallies[Int(product)].prices[price] == 1 { tallies[Int(product)].priceOrder.append(price) }
            let invoice = rec.string(0)
            invoices.insert(invoice)
            lines.append(
                Line(customer: customer, product: product, invoice: invoice, quantity: quantity, price: price,
                     timestamp: timestamp))
        }
        guard sawHeader else { throw ImportError(.badHeader, file: path, "the file is empty") }

        do {
            // Nodes.
            for (label, key) in [("Customer", "id"), ("Product", "id")] {
                let l = try txn.label(label)
                let k = try txn.propertyKey(key)
                if txn.snapshot.constraint(label: l, key: k) == nil {
                    try txn.createUniqueConstraint(label: label, key: key)
                }
            }
            let (customerLabel, productLabel, purchased) =
                (try txn.label("Customer"), try txn.label("Product"), try txn.relationshipType("PURCHASED"))
            var keys: [PropertyKeyID] = []
            for name in ["id", "country", "stockCode", "description", "unitPrice", "invoice", "quantity", "timestamp"] {
                keys.append(try txn.propertyKey(name))
            }
            let (kID, kCountry, kCode, kDescription, kPrice, kInvoice, kQuantity, kTimestamp) =
                (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7])

            var customerNodes: [NodeID] = []
            customerNodes.reserveCapacity(customerIDs.count)
            for (i, id) in customerIDs.enumerated() {
                let props = PropertyMap([
                    PropertyEntry(key: kID, value: .string(id)), PropertyEntry(key: kCountry, value: .string(customerCountry[i])),
                ])
                customerNodes.append(try txn.createNode(labels: [customerLabel], properties: props))
            }
            var productNodes: [NodeID] = []
            productNodes.reserveCapacity(productCodes.count)
            for (i, code) in productCodes.enumerated() {
                let t = tallies[i]
                var entries = [PropertyEntry(key: kID, value: .string(code)), PropertyEntry(key: kCode, value: .string(code))]
                if let d = mode(t.descriptions, t.descriptionOrder) { entries.append(PropertyEntry(key: kDescription, value: .string(d))) }
                if let p = mode(t.prices, t.priceOrder) { entries.append(PropertyEntry(key: kPrice, value: .double(p))) }
                let props = PropertyMap(entries)
                productNodes.append(try txn.createNode(labels: [productLabel], properties: props))
            }

            // Relationships, merged into the adjacency in one pass.
            var batch: [NewRelationship] = []
            batch.reserveCapacity(lines.count)
            var pairs = Set<UInt64>()
            pairs.reserveCapacity(lines.count)
            for l in lines {
                let props = PropertyMap([
                    PropertyEntry(key: kInvoice, value: .string(l.invoice)),
                    PropertyEntry(key: kQuantity, value: .int(l.quantity)),
                    PropertyEntry(key: kPrice, value: .double(l.price)),
                    PropertyEntry(key: kTimestamp, value: .int(l.timestamp)),
                ])
                batch.append(NewRelationship(
                    source: customerNodes[Int(l.customer)], target: productNodes[Int(l.product)], type: purchased,
                    properties: props))
                pairs.insert(UInt64(UInt32(l.customer)) << 32 | UInt64(UInt32(l.product)))
            }
            try txn.createRelationships(batch)
            report.customerProductPairs = pairs.count
        } catch {
            throw ImportError(.graph, file: path, error.message)
        }

        report.purchases = lines.count
        report.customers = customerIDs.count
        report.products = productCodes.count
        report.baskets = invoices.count
        return report
    }

    private static func mode<K: Hashable>(_ counts: [K: Int], _ order: [K]) -> K? {
        var best: K?
        var bestCount = 0
        for k in order {
            let c = counts[k] ?? 0
            if c > bestCount {
                best = k
                bestCount = c
            }
        }
        return best
    }
}
