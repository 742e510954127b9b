/// The text of one script (a `.tw` file, a shell line, a `-c` argument) with its name.
/// Tokens refer to it by byte offsets; lines and columns are computed only when a location is
/// reported.
public struct SourceFile: Sendable {
  /// The name shown in locations: a path, or `<input>` for shell lines.
  public let name: String
  /// The full source text.
  public let text: String
  /// The UTF-8 bytes of `text`, which the lexer reads.
  let bytes: [UInt8]
  /// The byte offset where each line starts, for locations in O(log n).
  private let lineStarts: [Int]
  /// The number of the text's first line in what it was read from (piped shell input gives
  /// each statement its real line).
  public let firstLine: Int

  public init(name: String, text: String, firstLine: Int = 1) {
    self.name = name
    self.text = text
    self.firstLine = firstLine
    self.bytes = Array(text.utf8)
    var starts = [0]
    for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(index + 1)
    }
    self.lineStarts = starts
  }

  /// The index in `lineStarts` of the line holding `offset`.
  private func lineIndex(of offset: Int) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
    }
    return low
  }

  /// The exact text between two byte offsets.
  func text(in range: SourceRange) -> String {
    let lower = max(0, min(range.start, bytes.count))
    let upper = max(lower, min(range.end, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  /// The line and column (both 1-based; the column counts characters) of a byte offset.
  func location(of offset: Int) -> ScriptLocation {
    let offset = max(0, min(offset, bytes.count))
    let line = lineIndex(of: offset)
    let lineStart = lineStarts[line]
    let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    return ScriptLocation(file: name, line: line + firstLine, column: column)
  }

  /// The text of the line holding `offset`, without its line break.
  func lineText(at offset: Int) -> String {
    let offset = max(0, min(offset, bytes.count))
    var start = offset
    while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    var end = offset
    while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
    var text = String(decoding: bytes[start..<end], as: UTF8.self)
    if text.hasSuffix("\r") { text.removeLast() }
    return text
  }
}

/// A half-open range of byte offsets into a `SourceFile`.
public struct SourceRange: Hashable, Sendable {
  public var start: Int
  public var end: Int

  public init(start: Int, end: Int) {
    self.start = start
    self.end = end
  }

  /// The smallest range covering both.
  func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }
}

/// A position for people: file name, 1-based line and column.
public struct ScriptLocation: Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:col`.
  public var description: String { "\(file):\(line):\(column)" }
}
