/// `CASE [subject] WHEN .. THEN .. [ELSE ..] END`.
public struct CaseExpression: Sendable, Hashable {
    public var subject: Expression?
    public var alternatives: [CaseAlternative]
    public var elseValue: Expression?
    public init(subject: Expression?, alternatives: [CaseAlternative], elseValue: Expression?) {
        self.subject = subject
        self.alternatives = alternatives
        self.elseValue = elseValue
    }
}

public struct CaseAlternative: Sendable, Hashable {
    public var when: Expression
    public var then: Expression
    public init(when: Expression, then: Expression) {
        self.when = when
        self.then = then
    }
}
