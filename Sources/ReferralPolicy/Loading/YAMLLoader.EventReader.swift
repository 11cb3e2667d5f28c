internal import CYaml

extension YAMLLoader {
    /// Reads a policy as policies are usually written straight from libyaml's events into
    /// ``YNode``s, in one pass: no Yams `Node` tree (with its tags, marks and anchors), no
    /// duplicate-key check that hashes every key, no conversion after it.
    ///
    /// It reads only what the general way (Yams' parser, then the ``Converter``) reads without a
    /// diagnostic, and gives up (nil) on anything else: a syntax error, an anchor, an alias or a
    /// tag, a key that is not a scalar, a key set twice in one mapping, a merge key (`<<`), a key
    /// that starts with the loader's duplicate marker, more nodes or deeper nesting than the
    /// limits allow, no document or more than one. The loader then reads the text the general
    /// way, which reports it; so what this reader gives is what the general way gives, and its
    /// diagnostics are the general way's.
    ///
    /// Marks are libyaml's, as Yams reads them (line and column + 1; columns count characters);
    /// a scalar is quoted for every style but plain, as the converter has it.
    enum EventReader {
        static func read(_ text: String, limits: LoadLimits) -> YNode? {
            var text = text
            return text.withUTF8 { bytes -> YNode? in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return nil }
                let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
                defer { parser.deallocate() }
                guard yaml_parser_initialize(parser) == 1 else { return nil }
                defer { yaml_parser_delete(parser) }
                yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
                yaml_parser_set_input_string(parser, base, bytes.count)
                let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
                event.initialize(to: yaml_event_t())
                defer {
                    yaml_event_delete(event)
                    event.deallocate()
                }
                var reader = Events(parser: parser, event: event, limits: limits)
                return reader.document()
            }
        }
    }

    /// The event being read, and the counts the converter keeps (nodes, depth).
    private struct Events {
        let parser: UnsafeMutablePointer<yaml_parser_t>
        let event: UnsafeMutablePointer<yaml_event_t>
        let limits: LoadLimits
        var nodes = 0

        init(parser: UnsafeMutablePointer<yaml_parser_t>, event: UnsafeMutablePointer<yaml_event_t>, limits: LoadLimits) {
            self.parser = parser
            self.event = event
            self.limits = limits
        }

        /// Frees the event read before and reads the next; false on a syntax error.
        mutating func next() -> Bool {
            yaml_event_delete(event)
            return yaml_parser_parse(parser, event) == 1
        }

        /// Reads the next event; true when it is of `type`.
        mutating func next(_ type: yaml_event_type_t) -> Bool {
            next() && event.pointee.type == type
        }

        /// The stream's one document, or nil.
        mutating func document() -> YNode? {
            guard next(YAML_STREAM_START_EVENT), next(YAML_DOCUMENT_START_EVENT), next() else { return nil }
            guard let root = node(depth: 1) else { return nil }
            guard next(YAML_DOCUMENT_END_EVENT), next(YAML_STREAM_END_EVENT) else { return nil }
            return root
        }

        /// The node whose first event has just been read (its last event is the one read last
        /// when it returns), counted as the converter counts it.
        mutating func node(depth: Int) -> YNode? {
            nodes += 1
            guard nodes <= limits.maxNodes, depth <= limits.maxDepth else { return nil }
            let mark = event.pointee.start_mark
            let location = SourceLocation(line: mark.line + 1, column: mark.column + 1)
            switch event.pointee.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.pointee.data.scalar
                guard scalar.anchor == nil, scalar.tag == nil else { return nil }
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let quoted = scalar.style != YAML_PLAIN_SCALAR_STYLE && scalar.style != YAML_ANY_SCALAR_STYLE
                return YNode(kind: .scalar(text, quoted: quoted), location: location)
            case YAML_SEQUENCE_START_EVENT:
                let start = event.pointee.data.sequence_start
                guard start.anchor == nil, start.tag == nil else { return nil }
                var items: [YNode] = []
                while true {
                    guard next() else { return nil }
                    if event.pointee.type == YAML_SEQUENCE_END_EVENT { break }
                    guard let item = node(depth: depth + 1) else { return nil }
                    items.append(item)
                }
                return YNode(kind: .sequence(items), location: location)
            case YAML_MAPPING_START_EVENT:
                let start = event.pointee.data.mapping_start
                guard start.anchor == nil, start.tag == nil else { return nil }
                return mapping(at: location, depth: depth)
            default:
                return nil  // an alias
            }
        }

        /// A mapping's pairs, each key a scalar set once.
        private mutating func mapping(at location: SourceLocation, depth: Int) -> YNode? {
            var pairs: [(key: YNode, value: YNode)] = []
            // Past a few keys, the keys seen so far are kept in a set.
            var seen: Set<String>? = nil
            while true {
                guard next() else { return nil }
                if event.pointee.type == YAML_MAPPING_END_EVENT { break }
                guard event.pointee.type == YAML_SCALAR_EVENT, let key = node(depth: depth + 1),
                      case .scalar(let name, let quoted) = key.kind else { return nil }
                if !quoted, name == "<<" { return nil }
                if name.unicodeScalars.first == YAMLLoader.duplicateMarker.unicodeScalars.first { return nil }
                if seen != nil {
                    guard seen!.insert(name).inserted else { return nil }
                } else {
                    for pair in pairs where pair.key.scalar == name { return nil }
                    if pairs.count == 8 { seen = Set(pairs.lazy.compactMap(\.key.scalar) + [name]) }
                }
                guard next(), let value = node(depth: depth + 1) else { return nil }
                pairs.append((key, value))
            }
            return YNode(kind: .mapping(pairs), location: location)
        }
    }
}
