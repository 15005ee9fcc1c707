import Foundation

/// The text normalisation and splitting that precede WordPiece in BERT's uncased tokenizer.
///
/// In order: drop NUL, U+FFFD and control characters (categories Cc, Cf, Cs, Co, Cn; tab, line
/// feed and carriage return count as whitespace instead) and turn every whitespace character into
/// a space; put spaces around CJK ideographs; decompose (NFD) and drop nonspacing marks (Mn);
/// lower-case each scalar; then split on whitespace and isolate each punctuation character (ASCII
/// punctuation and the Unicode P* categories).
enum BasicTextSplitter {
    /// The words of `text`, each as Unicode scalars.
    /// - Complexity: O(n) in the text's length.
    static func split(_ text: String) -> [[Unicode.Scalar]] {
        // Clean and space out CJK ideographs.
        var cleaned = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0 || v == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJK(v) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        // Strip accents: NFD, then drop nonspacing marks. Then lower-case scalar by scalar.
        var ascii = true
        for scalar in cleaned where scalar.value >= 0x80 {
            ascii = false
            break
        }
        let decomposed = ascii ? String(cleaned) : String(cleaned).decomposedStringWithCanonicalMapping
        var words: [[Unicode.Scalar]] = []
        var word: [Unicode.Scalar] = []
        func flush() {
            if !word.isEmpty {
                words.append(word)
                word.removeAll(keepingCapacity: true)
            }
        }
        for scalar in decomposed.unicodeScalars {
            if scalar.value < 0x80 {
                let v = scalar.value
                if v == 0x20 || (0x09...0x0D).contains(v) {
                    flush()
                } else if isASCIIPunctuation(v) {
                    flush()
                    words.append([scalar])
                } else if (0x41...0x5A).contains(v) {
                    word.append(Unicode.Scalar(v + 0x20)!)
                } else {
                    word.append(scalar)
                }
                continue
            }
            let properties = scalar.properties
            if properties.generalCategory == .nonspacingMark { continue }
            for lower in properties.lowercaseMapping.unicodeScalars {
                if lower.properties.isWhitespace {
                    flush()
                } else if isPunctuation(lower) {
                    flush()
                    words.append([lower])
                } else {
                    word.append(lower)
                }
            }
        }
        flush()
        return words
    }

    /// Control characters as BERT counts them: tab, LF and CR are whitespace, not control.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        default: break
        }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20: return true
        default: return scalar.properties.isWhitespace
        }
    }

    static func isASCIIPunctuation(_ v: UInt32) -> Bool {
        (0x21...0x2F).contains(v) || (0x3A...0x40).contains(v) || (0x5B...0x60).contains(v) || (0x7B...0x7E).contains(v)
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return isASCIIPunctuation(scalar.value) }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// The CJK Unified Ideograph blocks BERT spaces out.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
