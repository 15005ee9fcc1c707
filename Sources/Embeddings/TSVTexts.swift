import Foundation

/// Reads the texts to embed from a tab-separated file with a header row.
public enum TSVTexts {
    /// One data row: the first column (an id) and the chosen text column.
    public struct Row: Sendable, Equatable {
        public var key: String
        public var text: String

        public init(key: String, text: String) {
            self.key = key
            self.text = text
        }
    }

    /// The rows of a TSV file.
    ///
    /// - Parameters:
    ///   - textColumn: the header name of the column to embed; `nil` means the last column.
    /// - Throws: `.io` when the file cannot be read or is not UTF-8, `.badInput` when it has no
    ///   header, the column is absent, or a row has too few fields (the line number is given).
    /// - Complexity: O(file size).
    public static func read(path: String, textColumn: String? = nil) throws(EmbeddingsError) -> [Row] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw EmbeddingsError(.io, "cannot read \(path)")
        }
        guard let content = String(data: data, encoding: .utf8) else {
            throw EmbeddingsError(.io, "\(path) is not UTF-8")
        }
        var lines = content.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if lines.last == "" { lines.removeLast() }
        guard let header = lines.first else { throw EmbeddingsError(.badInput, "\(path) is empty") }
        let names = header.split(separator: "\t", omittingEmptySubsequences: false).map { trimCR($0) }
        let column: Int
        if let textColumn {
            guard let i = names.firstIndex(of: textColumn) else {
                throw EmbeddingsError(.badInput, "\(path) has no column \"\(textColumn)\" (columns: \(names.joined(separator: ", ")))")
            }
            column = i
        } else {
            column = names.count - 1
        }
        var rows: [Row] = []
        rows.reserveCapacity(lines.count - 1)
        for (n, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count > column else {
                throw EmbeddingsError(.badInput, "\(path):\(n + 1): \(fields.count) fields, expected at least \(column + 1)")
            }
            rows.append(Row(key: trimCR(fields[0]), text: trimCR(fields[column])))
        }
        return rows
    }

    private static func trimCR(_ s: Substring) -> String {
        s.hasSuffix("\r") ? String(s.dropLast()) : String(s)
    }
}
