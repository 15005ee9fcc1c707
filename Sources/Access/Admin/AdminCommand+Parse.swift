/// Parsing of admin commands: a small tokenizer (words, `name` in backticks, 'strings' and "strings",
/// $parameters, commas) and one function per command. Keywords are case-insensitive.
extension AdminCommand {
    enum Token: Equatable {
        case word(String)
        case quoted(String)
        case parameter(String)
        case comma
    }

    /// The command `text` holds, or a `syntax` error (which lists the commands the `system` database runs).
    public static func parse(_ text: String) throws(AccessError) -> AdminCommand {
        var p = Parser(tokens: try tokenize(text))
        let command = try p.command()
        guard p.atEnd else { throw AccessError(.syntax, "Invalid input: unexpected text after `\(command.auditText)`.") }
        return command
    }

    static func tokenize(_ text: String) throws(AccessError) -> [Token] {
        var out: [Token] = []
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.first {
            if c.properties.isWhitespace || c == ";" { chars.removeFirst(); continue }
            if c == "," { out.append(.comma); chars.removeFirst(); continue }
            if c == "'" || c == "\"" || c == "`" {
                chars.removeFirst()
                var s = String.UnicodeScalarView()
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\\" && c != "`", let e = chars.popFirst() { s.append(e); continue }
                    if d == c { closed = true; break }
                    s.append(d)
                }
                guard closed else { throw AccessError(.syntax, "Invalid input: an unterminated \(c == "`" ? "name" : "string").") }
                out.append(c == "`" ? .word(String(s)) : .quoted(String(s)))
                continue
            }
            let isParameter = c == "$"
            if isParameter { chars.removeFirst() }
            var w = String.UnicodeScalarView()
            while let d = chars.first, d.properties.isAlphabetic || d.properties.numericType != nil || "_-.@".unicodeScalars.contains(d) {
                w.append(d)
                chars.removeFirst()
            }
            guard !w.isEmpty else { throw AccessError(.syntax, "Invalid input '\(c)'.") }
            out.append(isParameter ? .parameter(String(w)) : .word(String(w)))
        }
        return out
    }

    struct Parser {
        var tokens: [Token]
        var i = 0
        var atEnd: Bool { i == tokens.count }

        mutating func accept(_ words: String...) -> Bool {
            for (k, w) in words.enumerated() {
                guard i + k < tokens.count, case .word(let t) = tokens[i + k], t.uppercased() == w else { return false }
            }
            i += words.count
            return true
        }

        mutating func expect(_ words: String...) throws(AccessError) {
            for w in words where !accept(w) { throw AccessError(.syntax, "Invalid input: expected \(w).") }
        }

        mutating func name() throws(AccessError) -> String {
            guard i < tokens.count, case .word(let w) = tokens[i] else { throw AccessError(.syntax, "Invalid input: expected a name.") }
            i += 1
            return w
        }

        mutating func names() throws(AccessError) -> [String] {
            var out = [try name()]
            while i < tokens.count, tokens[i] == .comma { i += 1; out.append(try name()) }
            return out
        }

        mutating func secret() throws(AccessError) -> Secret {
            guard i < tokens.count else { throw AccessError(.syntax, "Invalid input: expected a password.") }
            defer { i += 1 }
            switch tokens[i] {
            case .quoted(let s): return .literal(s)
            case .parameter(let p): return .parameter(p)
            default: throw AccessError(.syntax, "Invalid input: a password is a 'string' or a $parameter.")
            }
        }

        /// `SET [PLAINTEXT] PASSWORD x [CHANGE [NOT] REQUIRED]`, `SET PASSWORD CHANGE [NOT] REQUIRED`, `SET STATUS …`.
        mutating func settings() throws(AccessError) -> (Secret?, Bool?, Bool?) {
            var (password, change, suspended): (Secret?, Bool?, Bool?) = (nil, nil, nil)
            while accept("SET") {
                if accept("STATUS") {
                    if accept("SUSPENDED") { suspended = true } else { try expect("ACTIVE"); suspended = false }
                    continue
                }
                _ = accept("PLAINTEXT")
                try expect("PASSWORD")
                if accept("CHANGE") {
                    change = !accept("NOT")
                    try expect("REQUIRED")
                    continue
                }
                password = try secret()
                if accept("CHANGE") {
                    change = !accept("NOT")
                    try expect("REQUIRED")
                }
            }
            return (password, change, suspended)
        }

        mutating func command() throws(AccessError) -> AdminCommand {
            if accept("CREATE", "USER") {
                let n = try name()
                let ifNotExists = accept("IF", "NOT", "EXISTS")
                let (p, c, s) = try settings()
                guard let p else { throw AccessError(.syntax, "Invalid input: CREATE USER needs SET PASSWORD.") }
                return .createUser(name: n, password: p, changeRequired: c, suspended: s, ifNotExists: ifNotExists)
            }
            if accept("ALTER", "CURRENT", "USER") {
                try expect("SET", "PASSWORD", "FROM")
                let old = try secret()
                try expect("TO")
                return .alterCurrentUser(old: old, new: try secret())
            }
            if accept("ALTER", "USER") {
                let n = try name()
                let ifExists = accept("IF", "EXISTS")
                let (p, c, s) = try settings()
                guard p != nil || c != nil || s != nil else { throw AccessError(.syntax, "Invalid input: expected SET.") }
                return .alterUser(name: n, password: p, changeRequired: c, suspended: s, ifExists: ifExists)
            }
            if accept("DROP", "USER") { return .dropUser(name: try name(), ifExists: accept("IF", "EXISTS")) }
            if accept("SHOW", "CURRENT", "USER") { return .showCurrentUser }
            if accept("SHOW", "USERS") || accept("SHOW", "USER") { return .showUsers }
            if accept("SHOW", "ROLES") || accept("SHOW", "ALL", "ROLES") { return .showRoles }
            if accept("SHOW", "DATABASES") || accept("SHOW", "DEFAULT", "DATABASE") || accept("SHOW", "HOME", "DATABASE") {
                return .showDatabases
            }
            if accept("SHOW", "DATABASE") { return atEnd ? .showDatabases : .showDatabase(try name()) }
            if accept("CREATE", "DATABASE") {
                let n = try name()
                let ifNotExists = accept("IF", "NOT", "EXISTS")
                _ = accept("WAIT") || accept("NOWAIT")
                return .createDatabase(name: n, ifNotExists: ifNotExists)
            }
            if accept("DROP", "DATABASE") {
                let n = try name()
                let ifExists = accept("IF", "EXISTS")
                _ = accept("DUMP", "DATA") || accept("DESTROY", "DATA")
                _ = accept("WAIT") || accept("NOWAIT")
                return .dropDatabase(name: n, ifExists: ifExists)
            }
            if accept("GRANT") {
                if !accept("ROLES") { try expect("ROLE") }
                let roles = try names()
                if accept("ON", "DATABASE") {
                    let database = try name()
                    try expect("TO")
                    return .grantDatabaseRoles(roles, database: database, to: try names())
                }
                try expect("TO")
                return .grantRoles(roles, to: try names())
            }
            if accept("REVOKE") {
                if !accept("ROLES") { try expect("ROLE") }
                let roles = try names()
                if accept("ON", "DATABASE") {
                    let database = try name()
                    try expect("FROM")
                    return .revokeDatabaseRoles(roles, database: database, from: try names())
                }
                try expect("FROM")
                return .revokeRoles(roles, from: try names())
            }
            throw AccessError(
                .syntax,
                "Invalid input: the system database runs CREATE USER, ALTER USER, ALTER CURRENT USER, DROP USER, SHOW USERS, "
                    + "SHOW CURRENT USER, GRANT ROLE, REVOKE ROLE, SHOW ROLES, CREATE DATABASE, DROP DATABASE and SHOW DATABASES.")
        }
    }
}
