import Foundation

extension Ignitabull.Serve {
    /// The bundled Online Retail file, relative to a checkout.
    static let demoRelativePath = "datasets/online-retail/online_retail.csv.gz"

    /// Where `--demo` finds its data, wherever the command runs from: `$IGNITABULL_DEMO_DATA`, the
    /// working directory and its parents, then the folders above the executable (a build in a
    /// checkout lives in `.build/<config>/`). Nil when none holds the file.
    static func demoDataset(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath,
        executable: String = CommandLine.arguments.first ?? ""
    ) -> String? {
        let fm = FileManager.default
        if let file = environment["IGNITABULL_DEMO_DATA"], !file.isEmpty {
            return fm.isReadableFile(atPath: file) ? file : nil
        }
        var starts = [URL(fileURLWithPath: workingDirectory)]
        let exe = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: workingDirectory)).resolvingSymlinksInPath()
        starts.append(exe.deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent(demoRelativePath).path
                if fm.isReadableFile(atPath: candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }
}
