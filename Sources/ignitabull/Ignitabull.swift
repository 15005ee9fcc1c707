import ArgumentParser
import Engine

@main
struct Ignitabull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ignitabull",
        abstract: "Ignitabull Engine: a graph-and-vector recommendation engine.",
        discussion: """
            Until the storage layer lands, every command builds its graph in memory for the life of
            the command: `import` and `generate` load data and report on it, `stats` prints the
            full statistics of a graph loaded the same way.
            """,
        version: EngineInfo.components.map { "\($0.name) \($0.version)" }.joined(separator: "\n"),
        subcommands: [Import.self, Generate.self, Stats.self])
}
