public import GraphStore

/// The storage encoding of a transaction's mutations, as kept in the mutation log: a count, then
/// for each mutation a tag byte and its fields (ids as varints, property values as `PropertyCodec`).
public enum MutationCodec {
    public static func encode(_ mutations: [GraphMutation]) -> [UInt8] {
        var w = ByteWriter()
        w.varint(mutations.count)
        for m in mutations {
            switch m {
            case .createToken(let kind, let id, let name):
                w.byte(0)
                w.byte(kind.rawValue)
                w.varint(UInt64(id))
                w.string(name)
            case .createNode(let n, let labels, let props):
                w.byte(1)
                w.varint(UInt64(n.rawValue))
                w.varint(labels.count)
                for l in labels { w.varint(Int(l.rawValue)) }
                PropertyCodec.encode(props, into: &w)
            case .deleteNode(let n):
                w.byte(2)
                w.varint(UInt64(n.rawValue))
            case .setNodeProperty(let n, let k, let v):
                w.byte(3)
                w.varint(UInt64(n.rawValue))
                w.varint(UInt64(k.rawValue))
                PropertyCodec.encode(v, into: &w)
            case .addLabel(let n, let l):
                w.byte(4)
                w.varint(UInt64(n.rawValue))
                w.varint(Int(l.rawValue))
            case .removeLabel(let n, let l):
                w.byte(5)
                w.varint(UInt64(n.rawValue))
                w.varint(Int(l.rawValue))
            case .createRelationship(let r, let t, let s, let e, let props):
                w.byte(6)
                w.varint(UInt64(r.rawValue))
                w.varint(Int(t.rawValue))
                w.varint(UInt64(s.rawValue))
                w.varint(UInt64(e.rawValue))
                PropertyCodec.encode(props, into: &w)
            case .deleteRelationship(let r):
                w.byte(7)
                w.varint(UInt64(r.rawValue))
            case .setRelationshipProperty(let r, let k, let v):
                w.byte(8)
                w.varint(UInt64(r.rawValue))
                w.varint(UInt64(k.rawValue))
                PropertyCodec.encode(v, into: &w)
            case .createConstraint(let name, let l, let k):
                w.byte(9)
                w.string(name)
                w.varint(Int(l.rawValue))
                w.varint(UInt64(k.rawValue))
            case .dropConstraint(let name):
                w.byte(10)
                w.string(name)
            case .createIndex(let name, let kind, let l, let k):
                w.byte(11)
                w.string(name)
                w.byte(kind.rawValue)
                w.varint(Int(l.rawValue))
                w.varint(UInt64(k.rawValue))
            case .dropIndex(let name):
                w.byte(12)
                w.string(name)
            case .createConstraintRule(let rule):
                w.byte(13)
                w.string(rule.name)
                w.byte(rule.kind.rawValue)
                w.varint(UInt64(rule.token))
                w.varint(rule.keys.count)
                for k in rule.keys { w.varint(UInt64(k.rawValue)) }
            case .createCompositeIndex(let name, let l, let keys):
                w.byte(14)
                w.string(name)
                w.varint(Int(l.rawValue))
                w.varint(keys.count)
                for k in keys { w.varint(UInt64(k.rawValue)) }
            }
        }
        return w.bytes
    }

    /// Decodes a log entry. - Returns: nil when the bytes are not a valid entry.
    public static func decode(_ bytes: [UInt8]) -> [GraphMutation]? {
        bytes.withUnsafeBytes { buf in
            var r = ByteReader(buf)
            do throws(ByteReader.Malformed) {
                let n = try r.count()
                var out: [GraphMutation] = []
                func u32() throws(ByteReader.Malformed) -> UInt32 {
                    let v = try r.varint()
                    guard v <= UInt64(UInt32.max) else { throw ByteReader.Malformed() }
                    return UInt32(v)
                }
                func u16() throws(ByteReader.Malformed) -> UInt16 {
                    let v = try r.varint()
                    guard v <= UInt64(UInt16.max) else { throw ByteReader.Malformed() }
                    return UInt16(v)
                }
                for _ in 0..<n {
                    switch try r.byte() {
                    case 0:
                        guard let kind = GraphMutation.TokenKind(rawValue: try r.byte()) else { throw ByteReader.Malformed() }
                        out.append(.createToken(kind, id: try u32(), name: try r.string()))
                    case 1:
                        let node = NodeID(try u32())
                        let count = try r.count()
                        var labels: [LabelID] = []
                        for _ in 0..<count { labels.append(LabelID(try u16())) }
                        out.append(.createNode(node, labels: labels, properties: try PropertyCodec.decodeMap(&r)))
                    case 2: out.append(.deleteNode(NodeID(try u32())))
                    case 3:
                        out.append(.setNodeProperty(NodeID(try u32()), PropertyKeyID(try u32()), try PropertyCodec.decodeValue(&r)))
                    case 4: out.append(.addLabel(NodeID(try u32()), LabelID(try u16())))
                    case 5: out.append(.removeLabel(NodeID(try u32()), LabelID(try u16())))
                    case 6:
                        let rel = RelationshipID(try u32())
                        let type = RelationshipTypeID(try u16())
                        let source = NodeID(try u32())
                        let target = NodeID(try u32())
                        out.append(.createRelationship(
                            rel, type: type, source: source, target: target, properties: try PropertyCodec.decodeMap(&r)))
                    case 7: out.append(.deleteRelationship(RelationshipID(try u32())))
                    case 8:
                        out.append(.setRelationshipProperty(
                            RelationshipID(try u32()), PropertyKeyID(try u32()), try PropertyCodec.decodeValue(&r)))
                    case 9: out.append(.createConstraint(name: try r.string(), label: LabelID(try u16()), key: PropertyKeyID(try u32())))
                    case 10: out.append(.dropConstraint(name: try r.string()))
                    case 11:
                        let name = try r.string()
                        guard let kind = PropertyIndex.Kind(rawValue: try r.byte()) else { throw ByteReader.Malformed() }
                        out.append(.createIndex(name: name, kind: kind, label: LabelID(try u16()), key: PropertyKeyID(try u32())))
                    case 12: out.append(.dropIndex(name: try r.string()))
                    case 13:
                        let name = try r.string()
                        guard let kind = ConstraintRule.Kind(rawValue: try r.byte()) else { throw ByteReader.Malformed() }
                        let token = try u32()
                        let count = try u32()
                        guard count >= 1, count <= 64 else { throw ByteReader.Malformed() }
                        var keys: [PropertyKeyID] = []
                        for _ in 0..<count { keys.append(PropertyKeyID(try u32())) }
                        out.append(.createConstraintRule(ConstraintRule(name: name, kind: kind, token: token, keys: keys)))
                    case 14:
                        let name = try r.string()
                        let label = LabelID(try u16())
                        let count = try u32()
                        guard count >= 2, count <= 64 else { throw ByteReader.Malformed() }
                        var keys: [PropertyKeyID] = []
                        for _ in 0..<count { keys.append(PropertyKeyID(try u32())) }
                        out.append(.createCompositeIndex(name: name, label: label, keys: keys))
                    default: throw ByteReader.Malformed()
                    }
                }
                return r.atEnd ? out : nil
            } catch {
                return nil
            }
        }
    }
}
