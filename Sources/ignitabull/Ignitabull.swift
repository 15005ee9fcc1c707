import ArgumentParser
import Engine
import VectorKernels
import CurlClient

@main
struct Ignitabull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ignitabull",
        abstract: "Ignitabull Engine: a graph-and-vector recommendation engine.",
        discussion: """
            Commands work on a data directory (--data, default ./data), where every write is made \
            durable before it is acknowledged; --in-memory keeps a graph for the life of the command.
            """,
        version: (EngineInfo.components + [("libcurl", CurlLibrary.version)]).map { "\($0.name) \($0.version)" }
            .joined(separator: "\n"),
        subcommands: [
            Serve.self, Query.self, Import.self, Generate.self, Mine.self, Score.self, Eval.self, Stats.self, Check.self, Backup.self, Checkpoint.self, Index.self,
            Embed.self, Model.self, Mirror.self, WriteLoop.self, User.self, Key.self,
        ])

    static func main() async {
        BLAS.restartWithPreferredCoreIfNeeded()
        await main(nil)
    }
}
