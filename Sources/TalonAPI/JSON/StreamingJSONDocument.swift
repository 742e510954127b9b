import Foundation

/// The state of one `StreamingJSONEncoder` run: the JSON text of every scalar written so far,
/// and a small record for every container, turned into the finished text by `render` once the
/// whole value is encoded.
///
/// A scalar is written as JSON text into `bytes` the moment it is encoded (a member's right
/// after its `"key":`), and its member or element only records where that text is (a
/// `Piece`), so that writing the result is mostly copying runs of `bytes`. Containers cannot
/// be written in place: an object's keys come out sorted, a key written again replaces the
/// earlier value, and a container handed out by `nestedContainer` may be filled after later
/// siblings. So each container is a `Node` holding linked lists of `Entry`s, all kept in flat
/// arrays of this one object (no dictionary, no object per container, no tree of enum boxes),
/// and `render` walks them once, sorting each object's entries by key (String `<`, stable).
///
/// The rules are those of `JSONValueEncoder`'s builder, so the text is byte for byte what
/// `JSONTextWriter` writes for the `JSONValue` it would build:
/// - a container nothing was written into is `{}`; an object written as such, even empty, `{}`;
/// - among entries with equal keys, a nested container handed out for that key wins over plain
///   values (the last such container if several), else the last value written; the key is
///   spelled as first written (a dictionary keeps its first key);
/// - asking an encoder for a keyed container after it held something else drops the members
///   written before but keeps the nested containers handed out; asking for an unkeyed one after
///   something else starts an empty array (`JSONValueEncoder` kept stale nested elements there,
///   and trapped on their indices);
/// - a single value written again replaces the first.
///
/// One case cannot be the same: Swift's String `<` does not order keys in mixed Unicode
/// normalization forms consistently (`"e\u{301}"` and `"\u{e9}x"` compare neither less nor
/// greater, though not equal), so such keys come out in an order that depends on the order they
/// are sorted in: here the order they were written, in the tree path a dictionary's.
///
/// Codable gives no meaning to writes into a container kept after the value that asked for it
/// has returned from `encode(to:)`, and none of our types make them: here they are undefined
/// (a keyed or unkeyed container's may still land in the text; a single-value container's node
/// may have been reused by then), as `JSONValueEncoder` dropped them.
final class StreamingJSONDocument {
  /// Where a value's text is: `bytes[start..<end]`, or the container `node` when it is >= 0.
  struct Piece {
    var start = 0
    var end = 0
    var node = -1

    static func container(_ node: Int) -> Piece { Piece(node: node) }
  }

  /// A linked list of entries, in the order they were added.
  struct EntryList {
    var first = -1
    var last = -1
    var count = 0
  }

  /// An object member (`key` is its name, `name` where its text is) or an array element
  /// (`key` is empty).
  struct Entry {
    let key: String
    let name: MemberName
    let value: Piece
    /// Handed out as a nested container or super encoder (wins over plain values).
    let nested: Bool
    var next = -1
  }

  /// How a container's coding path continues from its parent's. Keys are kept as their string
  /// and int values, not as the caller's key type, so that no existential is made per value.
  enum PathKey {
    case none
    case index(Int)
    case key(String, Int?)

    var codingKey: (any CodingKey)? {
      switch self {
      case .none: nil
      case .index(let index): IndexCodingKey(index)
      case .key(let string, let int): PathCodingKey(stringValue: string, intValue: int)
      }
    }
  }

  /// A container (or a value that has not said yet what it is).
  struct Node {
    enum Kind { case unset, single, object, array }
    var kind = Kind.unset
    var single = Piece()
    var members = EntryList()
    var elements = EntryList()
    let parent: Int
    let pathKey: PathKey
  }

  // The arrays are written on every scalar: runtime exclusivity checks on them cost a quarter of
  // the encoding time. No access to one of them ever overlaps another access to the same one
  // (none is held across a call that could reach it), so they go unchecked.

  /// JSON text of the scalars, in the order they were encoded.
  @exclusivity(unchecked) var bytes: [UInt8] = []
  @exclusivity(unchecked) private(set) var nodes: [Node] = []
  @exclusivity(unchecked) private(set) var entries: [Entry] = []
  /// Scratch for sorting an object's entries while rendering, used as a stack.
  @exclusivity(unchecked) var order: [Int] = []

  init() {
    bytes.reserveCapacity(1024)
    nodes.reserveCapacity(32)
    entries.reserveCapacity(128)
  }

  func addNode(parent: Int, pathKey: PathKey) -> Int {
    nodes.append(Node(parent: parent, pathKey: pathKey))
    return nodes.count - 1
  }

  /// Drops the node added last (a value that turned out to be a single piece of text).
  func removeLastNode() {
    nodes.removeLast()
  }

  func becomeObject(_ node: Int) {
    guard nodes[node].kind != .object else { return }
    nodes[node].kind = .object
    var index = nodes[node].members.first
    nodes[node].members = EntryList()
    while index >= 0 {
      let next = entries[index].next
      if entries[index].nested { link(index, into: &nodes[node].members) }
      index = next
    }
  }

  func becomeArray(_ node: Int) {
    guard nodes[node].kind != .array else { return }
    nodes[node].kind = .array
    nodes[node].elements = EntryList()
  }

  func setSingle(_ node: Int, _ value: Piece) {
    nodes[node].kind = .single
    nodes[node].single = value
  }

  /// Records member `key` of `node`, whose text `appendName` wrote as `name`.
  func addMember(_ node: Int, key: String, name: MemberName, value: Piece, nested: Bool = false) {
    entries.append(Entry(key: key, name: name, value: value, nested: nested))
    link(entries.count - 1, into: &nodes[node].members)
  }

  func addElement(_ node: Int, value: Piece) {
    entries.append(Entry(key: "", name: MemberName(), value: value, nested: false))
    link(entries.count - 1, into: &nodes[node].elements)
  }

  /// A new container attached to `node` as member `key`, to be filled later.
  func nestedMember(of node: Int, key: String, pathKey: PathKey) -> Int {
    let name = appendName(key)
    let child = addNode(parent: node, pathKey: pathKey)
    addMember(node, key: key, name: name, value: .container(child), nested: true)
    return child
  }

  /// A new container appended to `node`'s elements, to be filled later.
  func nestedElement(of node: Int) -> Int {
    let child = addNode(parent: node, pathKey: .none)
    addElement(node, value: .container(child))
    return child
  }

  private func link(_ index: Int, into list: inout EntryList) {
    entries[index].next = -1
    if list.last >= 0 { entries[list.last].next = index } else { list.first = index }
    list.last = index
    list.count += 1
  }

  /// The coding path of `node`, put together from its ancestors (only when asked for).
  func codingPath(of node: Int) -> [any CodingKey] {
    var keys: [any CodingKey] = []
    var current = node
    while current >= 0 {
      if let key = nodes[current].pathKey.codingKey { keys.append(key) }
      current = nodes[current].parent
    }
    return keys.reversed()
  }
}

/// A key of a coding path rebuilt from its string and int values.
struct PathCodingKey: CodingKey {
  var stringValue: String
  var intValue: Int?
  init(stringValue: String, intValue: Int?) {
    self.stringValue = stringValue
    self.intValue = intValue
  }
  init(stringValue: String) { self.init(stringValue: stringValue, intValue: nil) }
  init(intValue: Int) { self.init(stringValue: String(intValue), intValue: intValue) }
}
