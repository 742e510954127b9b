extension StreamingJSONDocument {
  /// The finished compact JSON text of `root`: scalar text copied from `bytes`, containers
  /// written from their records, each object's members sorted by key and de-duplicated as the
  /// type's documentation says.
  func render(_ root: Piece) -> [UInt8] {
    if root.node < 0, root.start == 0, root.end == bytes.count { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 12 * entries.count + 16)
    write(root, into: &out)
    return out
  }

  private func write(_ piece: Piece, into out: inout [UInt8]) {
    guard piece.node >= 0 else {
      bytes.withUnsafeBufferPointer { text in
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[piece.start..<piece.end]))
      }
      return
    }
    switch nodes[piece.node].kind {
    case .unset: out.append(contentsOf: "{}".utf8)
    case .single: write(nodes[piece.node].single, into: &out)
    case .array: writeArray(piece.node, into: &out)
    case .object: writeObject(piece.node, into: &out)
    }
  }

  private func writeArray(_ node: Int, into out: inout [UInt8]) {
    var index = nodes[node].elements.first
    guard index >= 0 else {
      out.append(contentsOf: "[]".utf8)
      return
    }
    out.append(UInt8(ascii: "["))
    while index >= 0 {
      write(entries[index].value, into: &out)
      index = entries[index].next
      if index >= 0 { out.append(UInt8(ascii: ",")) }
    }
    out.append(UInt8(ascii: "]"))
  }

  private func writeObject(_ node: Int, into out: inout [UInt8]) {
    let base = order.count
    var index = nodes[node].members.first
    while index >= 0 {
      order.append(index)
      index = entries[index].next
    }
    let end = order.count
    guard end > base else {
      out.append(contentsOf: "{}".utf8)
      return
    }
    sortByKey(base..<end)
    out.append(UInt8(ascii: "{"))
    var position = base
    while position < end {
      // A run of equal keys: the first spelling, the value chosen as the type says.
      let first = order[position]
      var chosen = first
      var nestedChosen = entries[first].nested ? first : -1
      position += 1
      while position < end, entries[order[position]].key == entries[first].key {
        chosen = order[position]
        if entries[chosen].nested { nestedChosen = chosen }
        position += 1
      }
      if nestedChosen >= 0 { chosen = nestedChosen }
      JSONStringLiteral.append(entries[first].key, to: &out)
      out.append(UInt8(ascii: ":"))
      write(entries[chosen].value, into: &out)
      out.append(UInt8(ascii: position < end ? "," : "}"))
    }
    order.removeLast(end - base)
  }

  /// Sorts `order[range]` by key, keeping entries with equal keys in the order they were added
  /// (entry indices grow with time): insertion sort for the usual few members, else the
  /// library sort with the index as tie-breaker.
  private func sortByKey(_ range: Range<Int>) {
    if range.count <= 24 {
      for position in range.dropFirst() {
        let moving = order[position]
        var slot = position
        while slot > range.lowerBound, entries[moving].key < entries[order[slot - 1]].key {
          order[slot] = order[slot - 1]
          slot -= 1
        }
        order[slot] = moving
      }
    } else {
      let entries = self.entries
      order[range].sort { left, right in
        let (leftKey, rightKey) = (entries[left].key, entries[right].key)
        return leftKey < rightKey || (!(rightKey < leftKey) && left < right)
      }
    }
  }
}
