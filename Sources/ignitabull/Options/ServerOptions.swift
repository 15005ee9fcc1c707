import ArgumentParser

/// `--server URL`: the commands that can run through a running `ignitabull serve` go through this one. Without
/// it they go through the server that holds the data directory (`DATA/SERVING`), when one does.
struct ServerOptions: ParsableArguments {
    @Option(help: "Go through this server (http://host:port) instead of opening a data directory.")
    var server: String?

    @OptionGroup var database: DatabaseOption

    /// The server to go through, if any (see `ServedDirectory.resolve`), addressing `--database`.
    func resolve(_ storage: StorageOptions) -> ServedDirectory? {
        ServedDirectory.resolve(server: server, storage)?.on(database.resolved)
    }
}
