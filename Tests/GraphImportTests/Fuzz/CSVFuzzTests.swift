import GraphImport
import Testing
import TestSupport

/// Mutated CSV files through the reader: records or an `ImportError` naming the file, and the line for
/// malformed text.
@Suite struct CSVFuzzTests {
    static let corpus = [
        "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n\n3,,z\n",
        "id:ID,name,age:int\r\nu1,Ada,36\r\nu2,\"Bo\",40\r\n",
        ":START_ID,:END_ID,:TYPE,weight:float\nu1,u2,KNOWS,0.5\n",
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom\n",
        "\u{FEFF}x\n\"\"\n", "only", "",
    ]
    static let dictionary = ["\"", "\"\"", ",", "\n", "\r\n", "\r", ":ID", ":int", "\u{0}", "é", ";", "\t", "\\"]

    @Test func seededRun() {
        let dir = SharedData.temporaryDirectory()
        let path = dir + "/fuzz.csv"
        var fuzzer = Fuzzer(name: "csv", corpus: Self.corpus, dictionary: Self.dictionary)
        let report = fuzzer.run(executions: 3_000) { input in
            Fuzzer.write(input, to: path)
            do {
                var fields = 0
                try CSVReader(path: path).forEachRecord { rec in
                    for i in 0..<rec.count { fields += rec.string(i).utf8.count >= 0 ? 1 : 0 }
                }
                return .accepted
            } catch let e as ImportError {
                guard e.file.hasSuffix("fuzz.csv") else { return .finding("error without the file: \(e)") }
                if e.code == .malformedCSV, e.line == nil { return .finding("malformed CSV without a line: \(e)") }
                return .rejected("\(e.code)")
            } catch {
                return .finding("not an ImportError: \(error)")
            }
        }
        print(report)
        #expect(report.findings.isEmpty, "\(report)")
        #expect(report.accepted > 0 && report.rejected > 0)
    }
}
