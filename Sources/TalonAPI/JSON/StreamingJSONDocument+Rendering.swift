extension StreamingJSONDocument {
  /// The finished compact JSON text of `root`: scalar text copied from `bytes`, containers
  /// written from their records, each object's members sorted by key and de-duplicated as the
  /// type's documentation says.
  func render(_ root: Piece) -> [UInt8] {
    if root.node < 0, root.start == 0, root.end == bytes.count { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 2 * entries.count + 16)
    write(root, into: &out)
    return out
  }

  private func copy(_ start: Int, _ end: Int, into out: inout [UInt8]) {
    bytes.withUnsafeBufferPointer { text in
      out.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<end]))
    }
  }

  private func write(_ piece: Piece, into out: inout [UInt8]) {
    guard piece.node >= 0 else {
      copy(piece.start, piece.end, into: &out)
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
      while position < end, sameKey(order[position], first) {
        chosen = order[position]
        if entries[chosen].nested { nestedChosen = chosen }
        position += 1
      }
      if nestedChosen >= 0 { chosen = nestedChosen }
      let name = entries[first].name
      let value = entries[chosen].value
      if value.node < 0, value.start == name.end {
        copy(name.start, value.end, into: &out)
      } else {
        copy(name.start, name.end, into: &out)
        write(value, into: &out)
      }
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
        while slot > range.lowerBound, keyLess(moving, order[slot - 1]) {
          order[slot] = order[slot - 1]
          slot -= 1
        }
        order[slot] = moving
      }
    } else {
      order[range].sort { left, right in
        keyLess(left, right) || (!keyLess(right, left) && left < right)
      }
    }
  }

  /// String `<` on the keys of two entries, by their prefixes when that decides it.
  private func keyLess(_ left: Int, _ right: Int) -> Bool {
    let (leftName, rightName) = (entries[left].name, entries[right].name)
    if leftName.plain, rightName.plain, leftName.prefix != rightName.prefix {
      return leftName.prefix < rightName.prefix
    }
    return entries[left].key < entries[right].key
  }

  /// String `==` on the keys of two entries, by their prefixes when that decides it.
  private func sameKey(_ left: Int, _ right: Int) -> Bool {
    let (leftName, rightName) = (entries[left].name, entries[right].name)
    if leftName.plain, rightName.plain, leftName.prefix != rightName.prefix { return false }
    return entries[left].key == entries[right].key
  }
}
