public import Access
public import Engine

extension QueryServer {
    /// Runs one command of the `system` database (CREATE/DROP/SHOW DATABASE, CREATE USER, GRANT ROLE, …) as
    /// `principal` against `databases`: what `/db/system/…` runs, for Bolt's `db: "system"`. Without access
    /// control (`access` nil) only the database commands run, for anyone. Blocking: a password may be hashed, a
    /// database created.
    public static func runSystemCommand(
        _ text: String, parameters: [String: String], principal: Principal?, source: String, access: AccessControl?,
        databases: Databases
    ) throws(AccessError) -> AdminResult {
        let catalog = RegistryCatalog(databases: databases)
        guard let access else { return try SystemRoutes.runWithoutAccessControl(text, catalog) }
        guard let principal else { throw AccessError(.unauthorized, "No authentication header supplied.") }
        return try access.runAdmin(text, parameters: parameters, as: principal, source: source, catalog: catalog)
    }
}
