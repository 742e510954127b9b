import Crypto
import Foundation

/// Talon.One's `Content-Signature` header: `signer=<applicationId>; signature=<hex>`, where the
/// signature is the lowercase hex HMAC-MD5 of the exact raw request body keyed with the
/// application key (16 hex characters, decoded to bytes). A request without a body is signed
/// over the two bytes `{}`. Both the client (signing) and the server (verifying) use this type.
public struct ContentSignature: Sendable, Hashable {
  /// The header's name.
  public static let headerName = "Content-Signature"

  /// The application id that signed (`signer=`), as sent.
  public var signer: String
  /// The lowercase hex HMAC-MD5 (`signature=`), as sent.
  public var signature: String

  public init(signer: String, signature: String) {
    self.signer = signer
    self.signature = signature
  }

  /// The header value, `signer=1; signature=0a1b...`.
  public var headerValue: String { "signer=\(signer); signature=\(signature)" }

  /// Parses a header value; the two parts may come in either order, separated by `;` or `,`.
  /// Nil when either part is missing or empty.
  public init?(headerValue: String) {
    var signer: String?
    var signature: String?
    for part in headerValue.split(whereSeparator: { $0 == ";" || $0 == "," }) {
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2 else { return nil }
      let name = pair[0].trimmingCharacters(in: .whitespaces).lowercased()
      let value = pair[1].trimmingCharacters(in: .whitespaces)
      switch name {
      case "signer": signer = value
      case "signature": signature = value
      default: continue
      }
    }
    guard let signer, let signature, !signer.isEmpty, !signature.isEmpty else { return nil }
    self.init(signer: signer, signature: signature)
  }

  /// Signs `body` (nil or empty: the bytes `{}`) for application `applicationId`.
  public static func sign(body: some Collection<UInt8>, applicationId: Int, key: ApplicationKey)
    -> ContentSignature
  {
    let mac = key.authenticationCode(for: signedBytes(body))
    return ContentSignature(signer: String(applicationId), signature: hex(mac))
  }

  /// The bytes a signature covers: the body, or `{}` when there is none.
  static func signedBytes(_ body: some Collection<UInt8>) -> [UInt8] {
    body.isEmpty ? Array("{}".utf8) : Array(body)
  }

  static func hex(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in bytes {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}

/// An application key (hex text decoded to bytes), the HMAC-MD5 key of `Content-Signature`.
public struct ApplicationKey: Sendable, Hashable {
  let bytes: [UInt8]

  /// Decodes hex text (even length, `0-9a-fA-F`); nil when it is not hex or empty.
  public init?(hex text: String) {
    let characters = Array(text.utf8)
    guard !characters.isEmpty, characters.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(characters.count / 2)
    var index = 0
    while index < characters.count {
      guard let high = Self.nibble(characters[index]), let low = Self.nibble(characters[index + 1])
      else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    self.bytes = bytes
  }

  static func nibble(_ character: UInt8) -> UInt8? {
    switch character {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
    default: nil
    }
  }

  func authenticationCode(for bytes: [UInt8]) -> [UInt8] {
    Array(HMAC<Insecure.MD5>.authenticationCode(for: bytes, using: SymmetricKey(data: self.bytes)))
  }

  /// Whether `signatureHex` is the HMAC-MD5 of `body` (or `{}`), compared in constant time.
  func verifies(signatureHex: String, body: some Collection<UInt8>) -> Bool {
    guard let provided = ApplicationKey(hex: signatureHex)?.bytes else { return false }
    return HMAC<Insecure.MD5>.isValidAuthenticationCode(
      provided, authenticating: ContentSignature.signedBytes(body),
      using: SymmetricKey(data: self.bytes))
  }
}

/// Compares two secrets in time that depends only on their lengths, not on where they differ.
func constantTimeEquals(_ left: some Collection<UInt8>, _ right: some Collection<UInt8>) -> Bool {
  let left = Array(left)
  let right = Array(right)
  var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
  if left.count != right.count { difference |= 1 }
  let length = max(left.count, right.count)
  for index in 0..<length {
    let a = index < left.count ? left[index] : 0
    let b = index < right.count ? right[index] : 0
    difference |= a ^ b
  }
  return difference == 0
}
