/// The coding-path key of an array element (its index), as the JSON coders put it in coding
/// paths and errors.
struct IndexCodingKey: CodingKey {
  var intValue: Int?
  var stringValue: String { String(intValue ?? 0) }
  init(_ index: Int) { intValue = index }
  init?(stringValue: String) { nil }
  init?(intValue: Int) { self.intValue = intValue }
}
