/// A fixed lookup table from member name to what an object schema says about it, for
/// `CompiledSchemas`. The validator looks up every member of every object it checks, and the
/// names of JSON members are short: FNV-1a over their UTF-8 with linear probing costs a fraction
/// of `Dictionary`'s seeded SipHash. The table is built once from the schema, so a body cannot
/// add collisions; a body's names can only probe a chain at most as long as the table.
///
/// Swift compares strings by canonical equivalence (`"\u{212A}"`, the Kelvin sign, equals
/// `"K"`), which bytes cannot see. Bytes decide only when both names are ASCII, where equivalence
/// is byte equality; any other name is looked up in a `Dictionary`, exactly as before.
struct MemberTable<Value: Sendable>: Sendable {
  /// Per slot, the entry it holds, or -1.
  private let slots: [Int]
  private let hashes: [UInt64]
  private let names: [String]
  private let values: [Value]
  /// Every entry, for names that are not ASCII.
  private let entries: [String: Value]
  /// Whether every name in the table is ASCII (else every lookup goes to `entries`).
  private let isASCII: Bool

  init(_ entries: [String: Value]) {
    var capacity = 8
    while capacity < entries.count * 2 { capacity *= 2 }
    var slots = [Int](repeating: -1, count: capacity)
    var hashes: [UInt64] = []
    var names: [String] = []
    var values: [Value] = []
    var isASCII = true
    for (name, value) in entries.sorted(by: { $0.key < $1.key }) {
      let (hash, ascii) = Self.hash(name)
      isASCII = isASCII && ascii
      var slot = Int(truncatingIfNeeded: hash) & (capacity - 1)
      while slots[slot] >= 0 { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = names.count
      hashes.append(hash)
      names.append(name)
      values.append(value)
    }
    self.slots = slots
    self.hashes = hashes
    self.names = names
    self.values = values
    self.entries = entries
    self.isASCII = isASCII
  }

  subscript(name: String) -> Value? {
    guard isASCII else { return entries[name] }
    let (hash, ascii) = Self.hash(name)
    guard ascii else { return entries[name] }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = slots[slot]
      if entry < 0 { return nil }
      if hashes[entry] == hash, names[entry] == name { return values[entry] }
      slot = (slot + 1) & mask
    }
  }

  /// FNV-1a (64 bits) of the name's UTF-8, read in place when the string is stored as UTF-8,
  /// and whether the name is ASCII.
  private static func hash(_ name: String) -> (hash: UInt64, isASCII: Bool) {
    if let result = name.utf8.withContiguousStorageIfAvailable(hash(bytes:)) { return result }
    return hash(bytes: name.utf8)
  }

  private static func hash(bytes: some Sequence<UInt8>) -> (hash: UInt64, isASCII: Bool) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var union: UInt8 = 0
    for byte in bytes {
      union |= byte
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return (hash, union < 0x80)
  }
}
