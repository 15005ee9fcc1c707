import Foundation
import Testing
import TestSupport

/// Help texts are paragraphs that the terminal's width reflows, not lines broken mid-sentence.
@Suite struct HelpTextTests {
    static func help(_ command: [String], columns: Int) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLITests.binary)
        p.arguments = command + ["--help"]
        p.environment = ProcessInfo.processInfo.environment.merging(["COLUMNS": "\(columns)"]) { $1 }
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: [["score"], ["mine"], ["eval"], ["generate"], []])
    func aWideTerminalGetsWholeSentences(_ command: [String]) throws {
        let wide = try Self.help(command, columns: 400)
        let narrow = try Self.help(command, columns: 60)
        let discussion = wide.components(separatedBy: "\n\n").dropFirst().first { !$0.hasPrefix("USAGE") } ?? ""
        #expect(!discussion.isEmpty, "\(wide)")
        // Every line of the discussion ends a sentence (or a list item) at 400 columns.
        for line in discussion.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            #expect(line.hasSuffix(".") || line.hasSuffix(":"), "broken mid-sentence: \(line)")
        }
        // The usage line is left whole by the argument parser; everything else wraps at the width.
        #expect(narrow.split(separator: "\n").allSatisfy { $0.count <= 60 || $0.hasPrefix("USAGE:") }, "\(narrow)")
    }
}
