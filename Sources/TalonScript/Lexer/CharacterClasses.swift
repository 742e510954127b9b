/// Byte classes of the lexer (ASCII; any other byte outside a string is an error).
enum CharacterClass {
  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// Letters, digits and `_`: names of variables and fields.
  static func isIdentifier(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

  /// The characters of a bare word after its first: `[A-Za-z0-9_.:@/-]`.
  static func isWord(_ byte: UInt8) -> Bool {
    isIdentifier(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
      || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-")
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }
}

/// The shapes a digit-led token may take: a JSON number, or a date, time or duration (which
/// are strings). Anything else is an error that suggests quoting.
enum DigitLedToken {
  enum Shape { case number, text }

  static func classify(_ text: Substring) -> Shape? {
    if isJSONNumber(text) { return .number }
    if isDateOrTime(text) || isDuration(text) { return .text }
    return nil
  }

  /// JSON's number grammar without the sign: `(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
  static func isJSONNumber(_ text: Substring) -> Bool {
    let bytes = Array(text.utf8)
    var index = 0
    func digits() -> Int {
      let start = index
      while index < bytes.count, CharacterClass.isDigit(bytes[index]) { index += 1 }
      return index - start
    }
    guard index < bytes.count else { return false }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      return false
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      if digits() == 0 { return false }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")
      {
        index += 1
      }
      if digits() == 0 { return false }
    }
    return index == bytes.count
  }

  /// `2020-05-01`, `2020-05-01T10:00:00Z`, `2020-05-01T10:00:00.5+02:00`, `10:00`, `10:00:00`.
  static func isDateOrTime(_ text: Substring) -> Bool {
    let pattern = Array(text.utf8).map { byte -> UInt8 in
      CharacterClass.isDigit(byte) ? UInt8(ascii: "9") : byte
    }
    let shape = String(decoding: pattern, as: UTF8.self)
    if shape == "99:99" || shape == "99:99:99" { return true }
    guard shape.hasPrefix("9999-99-99") else { return false }
    let rest = shape.dropFirst(10)
    if rest.isEmpty { return true }
    guard rest.hasPrefix("T99:99:99") || rest.hasPrefix("t99:99:99") else { return false }
    var tail = rest.dropFirst(9)
    if tail.hasPrefix(".") {
      tail = tail.dropFirst()
      let fraction = tail.prefix { $0 == "9" }
      if fraction.isEmpty { return false }
      tail = tail.dropFirst(fraction.count)
    }
    return tail.isEmpty || tail == "Z" || tail == "z" || tail == "-99:99" || tail == "+99:99"
  }

  /// `30d`, `12h`, `15m`, `45s`, `2w`, and sums like `1d12h`.
  static func isDuration(_ text: Substring) -> Bool {
    var sawUnit = false
    var digits = 0
    for byte in text.utf8 {
      if CharacterClass.isDigit(byte) {
        digits += 1
      } else if "wdhms".utf8.contains(byte), digits > 0 {
        digits = 0
        sawUnit = true
      } else {
        return false
      }
    }
    return sawUnit && digits == 0
  }
}
