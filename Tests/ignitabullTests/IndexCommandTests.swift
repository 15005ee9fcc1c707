import Foundation
import Testing
import TestSupport

/// `ignitabull index create` reads the dimension from the data, as `CREATE VECTOR INDEX` does without
/// `vector.dimensions`.
@Suite struct IndexCommandTests {
    @Test func createReadsTheDimensionFromTheData() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let write = try CLITests.run([
            "query", "--data", dir, "--create",
            "UNWIND range(1, 30) AS i CREATE (:Product {id: i, embedding: [toFloat(i), 1.0, -2.0]})",
        ])
        #expect(write.status == 0, "\(write.err)")
        let create = try CLITests.run(["index", "create", "emb", "--label", "Product", "--property", "embedding", "--data", dir])
        #expect(create.status == 0, "\(create.err)")
        #expect(create.out.contains("created vector index emb: 30 vectors"), "\(create.out)")
        let list = try CLITests.run(["index", "list", "--data", dir])
        #expect(list.out.contains("(:Product).embedding, 3-d"), "\(list.out)")
    }

    @Test func createWithoutVectorsOrDimensionNamesTheFlag() throws {
        let dir = SharedData.temporaryDirectory() + "/data"
        let write = try CLITests.run(["query", "--data", dir, "--create", "CREATE (:Product {id: 1})"])
        #expect(write.status == 0, "\(write.err)")
        let create = try CLITests.run(["index", "create", "emb", "--label", "Product", "--property", "embedding", "--data", dir])
        #expect(create.status != 0)
        #expect(create.err.contains("no :Product node has a vector `embedding` yet, so give --dimensions"), "\(create.err)")
        let given = try CLITests.run([
            "index", "create", "emb", "--label", "Product", "--property", "embedding", "--dimensions", "8", "--data", dir,
        ])
        #expect(given.status == 0, "\(given.err)")
    }
}
