import Foundation
import Testing
import TestSupport

/// `ignitabull index create` reads the dimension from the data, as `CREATE VECTOR INDEX` does without
/// `vector.dimensions`.
@Suite struct IndexCommandTests {
    @Test func createReadsTheDimensionFromTheData() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let write = try CLITests.run([
            "query", "--data", dir, "--create",
            "UNWIND range(1, 30) AS i CREATE (:Product {id: i, embedding: [toFloat(i), 1.0, -2.0]})",
        ])
        #expect(write.status == 0, "\(write.err)")
        let create = try CLITests.run(["index", "create", "emb", "--label", "Product", "--property", "embedding", "--data", dir])
        #expect(create.status == 0, "\(create.err)")
        #expect(create.out.contains("created vector index emb: 30 vectors"), "\(create.out)")
        let list = try CLITests.run(["index", "list", "--data", dir])
        #expect(list.out.contains("(:Product).embedding, 3-d"), "\(list.out)")
    }

    @Test func createWithoutVectorsOrDimensionNamesTheFlag() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let write = try CLITests.run(["query", "--data", dir, "--create", "CREATE (:Product {id: 1})"])
        #expect(write.status == 0, "\(write.err)")
        let create = try CLITests.run(["index", "create", "emb", "--label", "Product", "--property", "embedding", "--data", dir])
        #expect(create.status != 0)
        #expect(create.err.contains("no :Product node has a vector `embedding` yet, so give --dimensions"), "\(create.err)")
        let given = try CLITests.run([
            "index", "create", "emb", "--label", "Product", "--property", "embedding", "--dimensions", "8", "--data", dir,
        ])
        #expect(given.status == 0, "\(given.err)")
    }

    /// Whether `strace` (Debian's package) is installed and may trace here (a container can forbid ptrace).
    static let canTrace: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        p.arguments = ["-o", "/dev/null", "/bin/true"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// A vector index file is flushed before it replaces the old one, and its directory after, so a
    /// power cut leaves either file whole (issue 14, reproduction 10: written without either fsync).
    @Test(.enabled(if: canTrace, "needs strace (Debian package) with ptrace allowed"))
    func theIndexFileAndItsDirectoryAreFlushedAroundTheRename() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let write = try CLITests.run([
            "query", "--data", dir, "--create",
            "UNWIND range(1, 30) AS i CREATE (:Product {id: i, embedding: [toFloat(i), 1.0, -2.0]})",
        ])
        #expect(write.status == 0, "\(write.err)")
        let trace = SharedData.temporaryDirectory() + "/strace.txt"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/strace")
        p.arguments = [
            "-f", "-y", "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", trace, CLITests.binary,
            "index", "create", "emb", "--label", "Product", "--property", "embedding", "--data", dir,
        ]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n").map(String.init)
        let fileSync = lines.firstIndex { $0.contains("fsync(") && $0.contains("/indexes/1.ivf.tmp>") }
        let rename = lines.firstIndex { $0.contains("rename") && $0.contains("indexes/1.ivf\"") }
        let directorySync = lines.lastIndex { ($0.contains("fsync(") || $0.contains("fdatasync(")) && $0.contains("/indexes>") }
        #expect(fileSync != nil && rename != nil && directorySync != nil, "\(lines.joined(separator: "\n"))")
        if let fileSync, let rename, let directorySync {
            #expect(fileSync < rename && rename < directorySync, "\(lines.joined(separator: "\n"))")
        }
    }
}
