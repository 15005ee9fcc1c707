import Foundation
import GraphImport
import GraphStore
import Testing
import TestSupport

/// Names from a CSV file (labels, types, header keys) are refused with the file, line and column
/// when they could not be stored exactly: a NUL, or bytes that are not UTF-8.
@Suite struct ImportNameTests {
    func importing(_ files: [String: [UInt8]], relationships: Bool = false) -> ImportError? {
        let dir = SharedData.temporaryDirectory()
        for (name, bytes) in files { _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data(bytes)) }
        let store = GraphStore()
        do {
            try store.write { txn in
                try Neo4jAdminImporter().run(
                    nodes: [NodeFile(path: dir + "/n.csv")],
                    relationships: relationships ? [RelationshipFile(path: dir + "/r.csv")] : [], into: &txn)
            }
        } catch let e as ImportError {
            #expect(store.snapshot.nodeCount == 0, "a failed import leaves the store unchanged")
            #expect(e.file == dir + "/" + (relationships ? "r.csv" : "n.csv"))
            return e
        } catch {
            Issue.record("unexpected \(error)")
        }
        return nil
    }

    @Test func aNulInALabelIsRefusedAtItsField() throws {
        let e = try #require(importing(["n.csv": Array("id:ID,:LABEL\na,Ok\nb,A\u{0}B\n".utf8)]))
        #expect(e.code == .badValue && e.line == 3 && e.column == 3, "\(e)")
        #expect(e.message.contains("NUL"))
    }

    @Test func aNulInAHeaderKeyIsRefused() throws {
        let e = try #require(importing(["n.csv": Array("id:ID,na\u{0}me\na,x\n".utf8)]))
        #expect(e.line == 1 && e.column == 7 && e.message.contains("NUL"), "\(e)")
    }

    @Test func aNulInARelationshipTypeIsRefused() throws {
        let e = try #require(importing(
            ["n.csv": Array("id:ID\na\nb\n".utf8), "r.csv": Array(":START_ID,:END_ID,:TYPE\na,b,T\u{0}\n".utf8)],
            relationships: true))
        #expect(e.line == 2 && e.column == 5 && e.message.contains("NUL"), "\(e)")
    }

    @Test func invalidUTF8InANameIsRefusedNotReplaced() throws {
        let label = importing(["n.csv": Array("id:ID,:LABEL\na,".utf8) + [0x41, 0xFF, 0x42] + Array("\n".utf8)])
        #expect(label?.line == 2 && label?.message.contains("UTF-8") == true, "\(String(describing: label))")
        let header = importing(["n.csv": Array("id:ID,".utf8) + [0xC3, 0x28] + Array("\na,x\n".utf8)])
        #expect(header?.line == 1 && header?.message.contains("UTF-8") == true, "\(String(describing: header))")
    }
}
