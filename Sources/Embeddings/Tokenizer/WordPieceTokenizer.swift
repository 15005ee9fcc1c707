/// BERT's uncased WordPiece tokenizer, built from a `vocab.txt` (one token per line; the line
/// number is the id).
///
/// Text goes through ``BasicTextSplitter`` (cleaning, CJK spacing, accent stripping,
/// lower-casing, whitespace and punctuation splitting), then each word is cut into the longest
/// vocabulary pieces from the left, continuations prefixed with `##`. A word longer than
/// ``maxCharactersPerWord`` or with no full cover becomes `[UNK]`. The output is framed by
/// `[CLS]` and `[SEP]` and truncated to ``maxLength`` ids in all, as sentence-transformers does.
public struct WordPieceTokenizer: Sendable {
    /// Token ids by the UTF-8 bytes of the token (byte keys, so that canonically equivalent
    /// but differently encoded tokens stay distinct, as in the vocabulary file).
    private let ids: [[UInt8]: Int32]
    /// Tokens by id.
    public let tokens: [String]
    /// The id of `[CLS]`, which opens every sequence.
    public let clsID: Int32
    /// The id of `[SEP]`, which closes every sequence.
    public let sepID: Int32
    /// The id of `[UNK]`.
    public let unknownID: Int32
    /// The id of `[PAD]`.
    public let padID: Int32
    /// The most ids one sequence may hold, `[CLS]` and `[SEP]` included (256 for all-MiniLM-L6-v2).
    public let maxLength: Int
    /// Words longer than this many Unicode scalars become `[UNK]`.
    public let maxCharactersPerWord: Int

    /// Builds the tokenizer from the contents of a `vocab.txt`.
    ///
    /// - Parameters:
    ///   - vocabulary: the file's text; one token per line.
    ///   - maxLength: the truncation length in ids, `[CLS]` and `[SEP]` included; at least 2.
    /// - Throws: `.badVocabulary` when the text is empty or lacks `[CLS]`, `[SEP]`, `[UNK]` or `[PAD]`.
    /// - Complexity: O(vocabulary size).
    public init(vocabulary: String, maxLength: Int = 256, maxCharactersPerWord: Int = 100) throws(EmbeddingsError) {
        guard maxLength >= 2 else { throw EmbeddingsError(.badInput, "maxLength must be at least 2, got \(maxLength)") }
        var lines = vocabulary.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw EmbeddingsError(.badVocabulary, "the vocabulary is empty") }
        var ids: [[UInt8]: Int32] = [:]
        ids.reserveCapacity(lines.count)
        for (i, token) in lines.enumerated() where ids[Array(token.utf8)] == nil {
            ids[Array(token.utf8)] = Int32(i)
        }
        func special(_ name: String) throws(EmbeddingsError) -> Int32 {
            guard let id = ids[Array(name.utf8)] else {
                throw EmbeddingsError(.badVocabulary, "the vocabulary has no \(name) token")
            }
            return id
        }
        self.ids = ids
        self.tokens = lines
        self.clsID = try special("[CLS]")
        self.sepID = try special("[SEP]")
        self.unknownID = try special("[UNK]")
        self.padID = try special("[PAD]")
        self.maxLength = maxLength
        self.maxCharactersPerWord = maxCharactersPerWord
    }

    /// The number of tokens in the vocabulary.
    public var vocabularySize: Int { tokens.count }

    /// The id of `token`, or `nil` when it is not in the vocabulary.
    public func id(of token: String) -> Int32? { ids[Array(token.utf8)] }

    /// Token ids for `text`: `[CLS]`, at most `maxLength - 2` word pieces, `[SEP]`.
    ///
    /// - Complexity: O(n·w) for n scalars and words of at most w scalars.
    public func encode(_ text: String) -> [Int32] {
        let budget = maxLength - 2
        var out: [Int32] = [clsID]
        out.reserveCapacity(min(budget, text.utf8.count) + 2)
        for word in BasicTextSplitter.split(text) {
            appendPieces(of: word, to: &out)
            if out.count - 1 >= budget { break }
        }
        if out.count - 1 > budget { out.removeLast(out.count - 1 - budget) }
        out.append(sepID)
        return out
    }

    /// The tokens of `ids`, for display.
    public func tokens(of ids: [Int32]) -> [String] {
        ids.map { $0 >= 0 && Int($0) < tokens.count ? tokens[Int($0)] : "[UNK]" }
    }

    /// Greedy longest-match-first WordPiece on one word.
    private func appendPieces(of word: [Unicode.Scalar], to out: inout [Int32]) {
        guard word.count <= maxCharactersPerWord else {
            out.append(unknownID)
            return
        }
        // UTF-8 offsets of each scalar boundary, so candidate pieces are byte slices.
        var bytes: [UInt8] = []
        var boundaries: [Int] = [0]
        for scalar in word {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            boundaries.append(bytes.count)
        }
        let start = out.count
        var begin = 0
        var key: [UInt8] = []
        while begin < word.count {
            var end = word.count
            var found: Int32? = nil
            while end > begin {
                key.removeAll(keepingCapacity: true)
                if begin > 0 { key.append(contentsOf: [0x23, 0x23]) }  // "##"
                key.append(contentsOf: bytes[boundaries[begin]..<boundaries[end]])
                if let id = ids[key] {
                    found = id
                    break
                }
                end -= 1
            }
            guard let id = found else {
                out.removeLast(out.count - start)
                out.append(unknownID)
                return
            }
            out.append(id)
            begin = end
        }
    }
}
