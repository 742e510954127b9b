/// Decides whether shell input needs a continuation line: brackets still open outside strings
/// and comments, or a final `\`. A string left open on its line is not a reason to continue
/// (strings end on their line; the parser reports it).
enum InputCompleteness {
  static func isIncomplete(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    var depth = 0
    var index = 0
    var lastSignificant: UInt8?
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "#"):
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        continue
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        index = endOfString(bytes, from: index)
        lastSignificant = byte
        continue
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      default: break
      }
      if byte == UInt8(ascii: "\n") {
        lastSignificant = nil
      } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
        && byte != UInt8(ascii: "\r")
      {
        lastSignificant = byte
      }
      index += 1
    }
    return depth > 0 || lastSignificant == UInt8(ascii: "\\")
  }

  /// The offset after a string starting at `start` (or the end of its line when unterminated).
  private static func endOfString(_ bytes: [UInt8], from start: Int) -> Int {
    let quote = bytes[start]
    var index = start + 1
    var interpolation = 0
    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
      let byte = bytes[index]
      if quote == UInt8(ascii: "\"") {
        if byte == UInt8(ascii: "\\") {
          index += 2
          continue
        }
        if byte == UInt8(ascii: "$"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "{")
        {
          interpolation += 1
        } else if byte == UInt8(ascii: "}"), interpolation > 0 {
          interpolation -= 1
        }
      }
      if byte == quote, interpolation == 0 { return index + 1 }
      index += 1
    }
    return min(index, bytes.count)
  }
}
