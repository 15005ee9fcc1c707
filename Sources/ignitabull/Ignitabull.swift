import ArgumentParser

@main
struct Ignitabull: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ignitabull",
        abstract: "Ignitabull Engine: a graph-and-vector recommendation engine.",
        version: "0.1.0")
}
