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
