import Access
import ArgumentParser
import Foundation

/// Where users, roles, API keys and the audit log live: `--auth-dir`, else `system/` inside the data
/// directory (`./data/system`).
struct AccessOptions: ParsableArguments {
    @Option(name: .customLong("data"), help: "The data directory; users and keys are in its system/ folder.")
    var data = "data"

    @Option(name: .customLong("auth-dir"), help: "The directory of users, keys and the audit log (default: DATA/system).")
    var authDir: String?

    var directory: String { authDir ?? data + "/system" }

    func open() throws -> AccessControl {
        do { return try AccessControl(directory: directory) } catch { throw CLIError(error.message) }
    }
}

extension AccessError {
    var cli: CLIError { CLIError(message) }
}
