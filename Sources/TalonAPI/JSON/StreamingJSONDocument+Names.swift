extension StreamingJSONDocument {
  /// Where a member's `"key":` text is in `bytes`, and what sorting needs to know about the key
  /// without comparing strings.
  struct MemberName {
    var start = 0
    var end = 0
    /// The key's first 8 bytes as a big-endian number (zeros after its end).
    var prefix: UInt64 = 0
    /// The key is ASCII with nothing to escape: keys like that order as their bytes do, so by
    /// `prefix` whenever the prefixes differ (String `<` is needed only on a tie).
    var plain = false
  }

  /// Writes `"key":` (escaped as `JSONStringLiteral` does) to `bytes`.
  func appendName(_ key: String) -> MemberName {
    var name = MemberName(start: bytes.count)
    let scanned: Void? = key.utf8.withContiguousStorageIfAvailable { utf8 in
      var shift = 56
      var plain = true
      for byte in utf8 {
        if shift >= 0 {
          name.prefix |= UInt64(byte) << shift
          shift -= 8
        }
        if byte >= 0x80 || byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
          plain = false
        }
      }
      if plain, !utf8.isEmpty {
        name.plain = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
      }
    }
    if scanned == nil || !name.plain {
      name.prefix = 0
      JSONStringLiteral.append(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
    }
    name.end = bytes.count
    return name
  }
}
