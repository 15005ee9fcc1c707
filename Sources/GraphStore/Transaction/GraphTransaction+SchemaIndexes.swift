extension GraphTransaction {
    /// Enters `node` with `properties` into the uniqueness constraints' and property indexes' entries of `labels`
    /// (after `checkUnique` has passed).
    mutating func addToSchemaIndexes(_ node: NodeID, labels: [LabelID], _ properties: PropertyMap) {
        for i in snapshot.constraints.indices where labels.contains(snapshot.constraints[i].label) {
            if let v = snapshot.constraints[i].tuple(properties) { _ = snapshot.constraints[i].insert(v, node: node) }
        }
        for i in snapshot.propertyIndexes.indices where labels.contains(snapshot.propertyIndexes[i].label) {
            if let v = snapshot.propertyIndexes[i].tuple(properties) { snapshot.propertyIndexes[i].insert(v, node: node) }
        }
    }

    /// Takes `node` with `properties` out of the entries of `labels`.
    mutating func removeFromSchemaIndexes(_ node: NodeID, labels: [LabelID], _ properties: PropertyMap) {
        for i in snapshot.constraints.indices where labels.contains(snapshot.constraints[i].label) {
            if let v = snapshot.constraints[i].tuple(properties) { snapshot.constraints[i].remove(v, node: node) }
        }
        for i in snapshot.propertyIndexes.indices where labels.contains(snapshot.propertyIndexes[i].label) {
            if let v = snapshot.propertyIndexes[i].tuple(properties) { snapshot.propertyIndexes[i].remove(v, node: node) }
        }
    }

    /// Moves `node`'s entries from its old to its new properties in the constraints and indexes of `labels` that
    /// include `key`.
    mutating func reindex(
        _ node: NodeID, labels: [LabelID], key: PropertyKeyID, from before: PropertyMap, to after: PropertyMap
    ) {
        for i in snapshot.constraints.indices
        where snapshot.constraints[i].keys.contains(key) && labels.contains(snapshot.constraints[i].label) {
            if let old = snapshot.constraints[i].tuple(before) { snapshot.constraints[i].remove(old, node: node) }
            if let new = snapshot.constraints[i].tuple(after) { _ = snapshot.constraints[i].insert(new, node: node) }
        }
        for i in snapshot.propertyIndexes.indices
        where snapshot.propertyIndexes[i].keys.contains(key) && labels.contains(snapshot.propertyIndexes[i].label) {
            if let old = snapshot.propertyIndexes[i].tuple(before) { snapshot.propertyIndexes[i].remove(old, node: node) }
            if let new = snapshot.propertyIndexes[i].tuple(after) { snapshot.propertyIndexes[i].insert(new, node: node) }
        }
    }
}
