/// A parsed `.feature` file, with Scenario Outlines already expanded (one scenario per Examples row).
struct GherkinFeature: Sendable {
    var name: String
    /// Path relative to the features folder, e.g. `clauses/match/Match1.feature`.
    var path: String
    var scenarios: [GherkinScenario]
}

struct GherkinScenario: Sendable {
    var name: String
    /// Line of the `Scenario` keyword.
    var line: Int
    /// Index of the Examples row for an outline, nil for a plain scenario.
    var exampleRow: Int?
    var tags: [String]
    /// Background steps first, then the scenario's own steps.
    var steps: [GherkinStep]
}

struct GherkinStep: Sendable {
    /// Given, When, Then, And or But.
    var keyword: String
    /// The text after the keyword, without a trailing `:`.
    var text: String
    var docString: String?
    var table: [[String]]?
    var line: Int
}

/// A malformed feature file.
struct GherkinError: Error, CustomStringConvertible {
    var path: String
    var line: Int
    var message: String
    var description: String { "\(path):\(line): \(message)" }
}
