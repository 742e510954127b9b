import Foundation
import TalonAPI

/// Generates coupon and referral codes from `CodeGeneratorSettings`: each `#` of the pattern
/// becomes a random character of `validCharacters` (entries are characters or ranges `A-Z`).
enum CodeGenerator {
  /// The characters the entries stand for, or nil when an entry is malformed.
  static func expand(_ entries: [String]) -> [Character]? {
    var characters: [Character] = []
    for entry in entries {
      let scalars = Array(entry.unicodeScalars)
      if scalars.count == 1 {
        characters.append(Character(scalars[0]))
      } else if scalars.count == 3, scalars[1] == "-", scalars[0].value <= scalars[2].value {
        for value in scalars[0].value...scalars[2].value {
          guard let scalar = Unicode.Scalar(value) else { return nil }
          characters.append(Character(scalar))
        }
      } else {
        return nil
      }
    }
    return characters.isEmpty ? nil : characters
  }

  static func code(
    _ settings: CodeGeneratorSettings, using random: inout some RandomNumberGenerator
  ) -> String {
    let characters = expand(settings.validCharacters) ?? expand(["A-Z", "0-9"]) ?? ["X"]
    var code = ""
    for character in settings.couponPattern {
      if character == "#" {
        code.append(characters[Int.random(in: 0..<characters.count, using: &random)])
      } else {
        code.append(character)
      }
    }
    return code
  }
}
