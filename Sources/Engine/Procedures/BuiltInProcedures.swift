import CypherRuntime

extension Database {
    /// The procedures every database registers when it opens. Each module's procedures are listed
    /// in their own file (an extension of `Database`) and added here.
    var builtInProcedures: [Procedure] {
        vectorProcedures + recommendationProcedures + systemProcedures
    }
}
