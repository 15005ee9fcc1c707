import GraphStore
import Testing

@testable import CypherRuntime

@Suite struct TemporalTests {
    func value(_ query: String) throws -> Value {
        try CypherEngine.execute(query, on: GraphStore()).rows[0][0]
    }

    @Test func constructsParsesAndPrints() throws {
        #expect(try value("RETURN toString(date({year: 1817, week: 1})) AS d") == .string("1816-12-30"))
        #expect(
            try value("RETURN toString(datetime('2015-07-21T21:40:32.142+0100')) AS d")
                == .string("2015-07-21T21:40:32.142+01:00"))
        #expect(try value("RETURN toString(duration({days: 1, hours: 12})) AS d") == .string("P1DT12H"))
        #expect(try value("RETURN date('2015-07-21').dayOfWeek AS d") == .int(2))
        #expect(try value("RETURN toString(date.truncate('month', date('2015-07-21'))) AS d") == .string("2015-07-01"))
        #expect(
            try value("RETURN toString(duration.between(date('1984-10-11'), date('2015-06-24'))) AS d")
                == .string("P30Y8M13D"))
        #expect(try value("RETURN date('2015-07-21') < date('2016-01-01') AS d") == .bool(true))
    }

    @Test func outOfRangeInputIsAnErrorNotACrash() {
        for query in [
            "RETURN duration({years: 1e300}) AS d", "RETURN date({year: 9223372036854775807}) AS d",
            "RETURN localtime('99999999999') AS d", "RETURN time({hour: 1, nanosecond: -5}) AS d",
            "RETURN duration.inSeconds(date('-999999999-01-01'), date('+999999999-12-31')) AS d",
        ] {
            #expect(throws: (any Error).self, "\(query)") { _ = try value(query) }
        }
    }
}

@Suite struct TemporalArithmeticTests {
    func text(_ expression: String) throws -> Value {
        try CypherEngine.execute("RETURN toString(\(expression)) AS v", on: GraphStore()).rows[0][0]
    }

    @Test func addsAndScalesDurations() throws {
        #expect(try text("date('2015-01-31') + duration({months: 1})") == .string("2015-02-28"))
        #expect(try text("date('2015-03-01') - duration({days: 1})") == .string("2015-02-28"))
        #expect(try text("localtime('23:30') + duration({hours: 1})") == .string("00:30"))
        #expect(try text("localdatetime('2015-12-31T23:30') + duration({minutes: 45})") == .string("2016-01-01T00:15"))
        #expect(try text("duration({days: 1}) + duration({hours: 2})") == .string("P1DT2H"))
        #expect(try text("duration({hours: 3}) * 2") == .string("PT6H"))
        #expect(try text("duration({hours: 3}) / 2") == .string("PT1H30M"))
        #expect(throws: (any Error).self) { _ = try text("duration({hours: 3}) / 0") }
    }
}
