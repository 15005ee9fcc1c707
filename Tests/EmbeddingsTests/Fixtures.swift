import Embeddings
import Foundation

/// Paths the tests read: the package root (found from this file), ../shared, and the model cache.
enum Fixtures {
    static let packageRoot: String = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir.path }
            dir = dir.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let minilmShared = packageRoot + "/../shared/datasets/minilm-l6-v2"
    static let vocabPath = minilmShared + "/vocab.txt"
    static let goldenPath = minilmShared + "/reference/golden.jsonl"
    static let modelDirectory = ModelStore.defaultCacheDirectory

    static var hasGolden: Bool {
        FileManager.default.fileExists(atPath: goldenPath) && FileManager.default.fileExists(atPath: vocabPath)
    }
    static var hasModel: Bool { hasGolden && ModelStore.isComplete(modelDirectory) }

    struct Golden {
        var text: String
        var ids: [Int32]
        var embedding: [Float]
    }

    /// The 87 reference texts with their token ids and float64 reference embeddings.
    static func golden() throws -> [Golden] {
        let content = try String(contentsOfFile: goldenPath, encoding: .utf8)
        return try content.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            return Golden(
                text: object["text"] as! String,
                ids: (object["ids"] as! [NSNumber]).map { $0.int32Value },
                embedding: (object["embedding"] as! [NSNumber]).map { $0.floatValue })
        }
    }

    static func vocabulary() throws -> String { try String(contentsOfFile: vocabPath, encoding: .utf8) }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in a.indices {
            dot += Double(a[i]) * Double(b[i])
            na += Double(a[i]) * Double(a[i])
            nb += Double(b[i]) * Double(b[i])
        }
        return dot / (na.squareRoot() * nb.squareRoot())
    }

    static func temporaryDirectory() throws -> String {
        let dir = NSTemporaryDirectory() + "embeddings-tests-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }
}
