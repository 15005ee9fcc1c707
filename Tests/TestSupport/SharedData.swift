#if canImport(Glibc)
import Glibc
#endif

/// Locates the package root and the shared material beside it (`../shared`).
///
/// Tests that need real datasets or the TCK use `SharedData.path(...)` in an
/// `.enabled(if:)` trait, so that a plain clone without `../shared` skips them.
public enum SharedData {
    /// The package root: the nearest folder above this file holding Package.swift.
    public static let packageRoot: String = {
        var dir = String(#filePath)
        while let slash = dir.lastIndex(of: "/") {
            dir = String(dir[..<slash])
            if access(dir + "/Package.swift", F_OK) == 0 { return dir }
        }
        return "."
    }()

    /// `../shared` relative to the package root.
    public static var sharedRoot: String { packageRoot + "/../shared" }

    /// The path of `relative` under `../shared`, or nil when it does not exist.
    public static func path(_ relative: String) -> String? {
        let p = sharedRoot + "/" + relative
        return access(p, R_OK) == 0 ? p : nil
    }

    /// The Online Retail file: the copy bundled in datasets/ when present, else ../shared's.
    public static var onlineRetail: String? {
        let bundled = packageRoot + "/datasets/online-retail/online_retail.csv.gz"
        if access(bundled, R_OK) == 0 { return bundled }
        return path("datasets/online-retail/online_retail.csv.gz")
    }

    /// A fresh temporary directory.
    public static func temporaryDirectory() -> String {
        var template = Array("/tmp/ignitabull-test-XXXXXX".utf8CString)
        let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return p.map { String(cString: $0) } ?? "/tmp"
    }

    /// Writes `text` to `path`.
    public static func write(_ text: String, to path: String) {
        guard let f = fopen(path, "wb") else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { fwrite($0.baseAddress!, 1, $0.count - 1, f) }
        fclose(f)
    }
}

/// A small shop as neo4j-admin CSV files, the way a new user would write them: `customers.csv`
/// (`id:ID(Customer)`), `products.csv` (`id:ID(Product)`, price, stock) and `purchased.csv`
/// (`:START_ID(Customer)`, `:END_ID(Product)`, timestamp). Customer `c<i>` (i in 0..<24) bought
/// products `p<i % 10>`, `p<(i + 1) % 10>` and `p<(i + 3) % 10>`, so every customer has seven
/// products left to recommend and co-purchases link them.
public enum ShopCSV {
    public static let customers = 24
    public static let products = 10

    /// The products `c<i>` bought.
    public static func owned(_ i: Int) -> Set<String> { ["p\(i % 10)", "p\((i + 1) % 10)", "p\((i + 3) % 10)"] }

    /// Writes the three files into a new temporary directory and returns it. `prefix` goes before every
    /// id (`a-c0`, `a-p3`), so that two shops' ids never meet.
    public static func write(prefix: String = "") -> String {
        let dir = SharedData.temporaryDirectory()
        var customers = "id:ID(Customer),name\n"
        for i in 0..<Self.customers { customers += "\(prefix)c\(i),Customer \(i)\n" }
        var products = "id:ID(Product),name,price:float,stock:int\n"
        for j in 0..<Self.products { products += "\(prefix)p\(j),Product \(j),\(Double(j) + 0.5),\(j == 9 ? 0 : 10)\n" }
        var purchased = ":START_ID(Customer),:END_ID(Product),timestamp:long\n"
        for i in 0..<Self.customers {
            for (n, p) in owned(i).sorted().enumerated() {
                purchased += "\(prefix)c\(i),\(prefix)\(p),\(1_700_000_000 + 86_400 * (i + n))\n"
            }
        }
        SharedData.write(customers, to: dir + "/customers.csv")
        SharedData.write(products, to: dir + "/products.csv")
        SharedData.write(purchased, to: dir + "/purchased.csv")
        return dir
    }
}
