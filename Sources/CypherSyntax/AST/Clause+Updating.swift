extension Clause {
    /// True for CREATE, MERGE, SET, REMOVE, DELETE and FOREACH.
    public var isUpdating: Bool {
        switch kind {
        case .create, .merge, .set, .remove, .delete, .foreach: true
        default: false
        }
    }
}
