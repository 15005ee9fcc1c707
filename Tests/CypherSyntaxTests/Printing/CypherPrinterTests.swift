import CypherSyntax
import Testing

@Suite struct CypherPrinterTests {
    func printed(_ text: String) throws -> String { CypherPrinter.print(try Parser.parse(text)) }

    @Test func canonicalForms() throws {
        #expect(
            try printed("match (a:A)-[r:T|U*1..2]->(b) where a.x + 1 * 2 > 3 return a.x as x")
                == "MATCH (a:A)-[r:T|U*1..2]->(b) WHERE ((a.x + (1 * 2)) > 3) RETURN a.x AS x")
        #expect(try printed("RETURN -9223372036854775808, 'it\\'s'").hasPrefix("RETURN (-9223372036854775808) AS "))
        #expect(try printed("RETURN n.`odd name`, $p") == "RETURN n.`odd name` AS `n.``odd name```, $p AS `$p`")
        #expect(
            try printed("CREATE VECTOR INDEX i FOR (n:L) ON n.e")
                == "CREATE VECTOR INDEX i FOR (n:L) ON (n.e)")
        #expect(
            try printed("MATCH p = shortestPath((a)-[*]-(b)) RETURN p")
                == "MATCH p = shortestPath((a)-[*]-(b)) RETURN p AS p")
    }

    @Test func quotesNamesOnlyWhenNeeded() {
        #expect(CypherPrinter.name("abc_1") == "abc_1")
        #expect(CypherPrinter.name("1abc") == "`1abc`")
        #expect(CypherPrinter.name("a`b") == "`a``b`")
    }
}
