import Embeddings
import Testing

@Suite struct WordPieceTokenizerTests {
    /// A tiny vocabulary: ids are line numbers.
    static let vocabulary = """
        [PAD]
        [UNK]
        [CLS]
        [SEP]
        un
        ##aff
        ##able
        cafe
        ,
        !
        the
        ##s
        中
        a
        """

    func make(maxLength: Int = 256) throws -> WordPieceTokenizer {
        try WordPieceTokenizer(vocabulary: Self.vocabulary, maxLength: maxLength)
    }

    @Test func greedyLongestMatchWithContinuations() throws {
        let t = try make()
        #expect(t.encode("unaffable") == [2, 4, 5, 6, 3])
        #expect(t.tokens(of: t.encode("unaffable")) == ["[CLS]", "un", "##aff", "##able", "[SEP]"])
    }

    @Test func lowerCasesStripsAccentsAndSplitsPunctuation() throws {
        let t = try make()
        #expect(t.encode("CAFÉ,THE!") == [2, 7, 8, 10, 9, 3])
        #expect(t.encode("  Café\t\n the ") == [2, 7, 10, 3])
    }

    @Test func wordWithoutFullCoverIsUnknown() throws {
        let t = try make()
        // "unx": "un" matches, "##x" does not, so the whole word is [UNK].
        #expect(t.encode("unx the") == [2, 1, 10, 3])
    }

    @Test func overlongWordIsUnknown() throws {
        let t = try make()
        #expect(t.encode(String(repeating: "a", count: 101)) == [2, 1, 3])
    }

    @Test func cjkIdeographsAreSeparateWords() throws {
        let t = try make()
        #expect(t.encode("中中") == [2, 12, 12, 3])
    }

    @Test func controlCharactersAreDropped() throws {
        let t = try make()
        #expect(t.encode("the\u{0}\u{200B}s") == [2, 10, 11, 3])
    }

    @Test func truncatesIncludingSpecialTokens() throws {
        let t = try make(maxLength: 4)
        #expect(t.encode("the the the the") == [2, 10, 10, 3])
        #expect(t.encode("") == [2, 3])
    }

    @Test func vocabularyWithoutSpecialTokensIsRejected() {
        #expect(throws: EmbeddingsError.self) { try WordPieceTokenizer(vocabulary: "a\nb\n") }
        do {
            _ = try WordPieceTokenizer(vocabulary: "[PAD]\n[UNK]\n[CLS]\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .badVocabulary)
            #expect(error.message.contains("[SEP]"))
        }
    }

    @Test(.enabled(if: Fixtures.hasGolden, "needs ../shared/datasets/minilm-l6-v2"))
    func goldenTokenIDsMatchExactly() throws {
        let t = try WordPieceTokenizer(vocabulary: try Fixtures.vocabulary())
        let golden = try Fixtures.golden()
        #expect(golden.count == 87)
        var mismatches = 0
        for g in golden {
            let ids = t.encode(g.text)
            if ids != g.ids {
                mismatches += 1
                Issue.record("ids differ for \(g.text.prefix(60)): \(t.tokens(of: ids)) vs \(t.tokens(of: g.ids))")
            }
        }
        #expect(mismatches == 0)
        #expect(golden.contains { $0.ids.count == 256 }, "the golden set exercises truncation")
    }
}

@Suite struct WordPieceVocabularyFileTests {
    @Test func windowsLineEndsAreAccepted() throws {
        let t = try WordPieceTokenizer(vocabulary: "[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nhello\r\n")
        #expect(t.vocabularySize == 5)
        #expect(t.encode("Hello") == [2, 4, 3])
    }
}
