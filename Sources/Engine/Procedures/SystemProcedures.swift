import CypherRuntime
import CypherSyntax

extension Database {
    /// `dbms.components() YIELD name, versions, edition`, as Neo4j answers it
    /// (https://neo4j.com/docs/operations-manual/current/procedures/#procedure_dbms_components): a `Neo4j Kernel`
    /// row with the Neo4j version whose Cypher and HTTP API we follow (drivers and tools such as py2neo read it
    /// to choose their dialect), then a row for the engine itself.
    var systemProcedures: [Procedure] {
        let components = Procedure(
            name: "dbms.components",
            signature: .init(inputs: [], outputs: [("name", .string), ("versions", .list(.string)), ("edition", .string)]),
            description: "List DBMS components and their versions.", mode: "DBMS"
        ) { _ in
            [
                [.string("Neo4j Kernel"), .list([.string(EngineInfo.neo4jCompatibility)]), .string("community")],
                [.string("Ignitabull Engine"), .list([.string(EngineInfo.version)]), .string("community")],
            ]
        }
        return [components]
    }
}
