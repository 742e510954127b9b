import Foundation
import TalonAPI

/// Talang's text form, `(>= (. Session Total) 40)`, read into the JSON array form the compiler
/// takes (`[">=", [".", "Session", "Total"], 40]`), so both forms mean the same by construction.
/// Atoms: `"strings"` (with `\"`, `\\`, `\n`, `\t`; any other backslash stays as written, so
/// regular expressions read naturally), numbers, `true`, `false`, `null`, and bare words (names,
/// operators, times such as `2018-01-02T19:04:05Z`), which become strings. `;` starts a comment.
/// Every element remembers its line and column for error messages.
package struct TalangText {
  /// The expression in JSON array form.
  var json: JSONValue
  /// Line and column (1-based, in characters) of each element, keyed by its JSON pointer
  /// relative to the expression (`""` is the whole expression, `"/2/1"` an argument's argument).
  var positions: [String: (line: Int, column: Int)]

  /// How deeply lists may nest (the JSON parser's bound, so the array form stays readable).
  static let maximumDepth = 512

  /// True when a string in an expression position is Talang text rather than a string literal.
  static func isText(_ json: JSONValue) -> Bool {
    if case .string(let text) = json { return text.first == "(" }
    return false
  }

  /// Reads `text`; a syntax error is a `CampaignFileError` at `pointer` that names the line and
  /// column inside the string.
  init(reading text: String, at pointer: String) throws {
    var reader = Reader(characters: Array(text), pointer: pointer)
    positions = [:]
    reader.skipBlanks()
    json = try reader.element(path: "", positions: &positions)
    reader.skipBlanks()
    if reader.index < reader.characters.count {
      throw reader.failure("unexpected text after the expression")
    }
  }

  /// The text form of an expression in JSON array form (for showing rules, e.g. when a campaign
  /// is exported): reading the text gives `json` back. Strings are written bare where they read
  /// back as the same string. (Objects are not expressions; they are written as quoted JSON.)
  package static func text(of json: JSONValue) -> String {
    switch json {
    case .null: return "null"
    case .bool(let flag): return flag ? "true" : "false"
    case .number(let number): return "\(number)"
    case .array(let elements): return "(" + elements.map(text(of:)).joined(separator: " ") + ")"
    case .object: return quoted(json.jsonText)
    case .string(let string):
      let bare =
        !string.isEmpty && !["true", "false", "null"].contains(string) && !isNumber(string)
        && !string.contains { $0.isWhitespace || "()\";\\".contains($0) }
      return bare ? string : quoted(string)
    }
  }

  private static func quoted(_ string: String) -> String {
    var text = "\""
    for character in string {
      switch character {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\t": text += "\\t"
      default: text.append(character)
      }
    }
    return text + "\""
  }

  /// The same error, its message prefixed with where the failing element sits in the text and
  /// its pointer moved to the string (a pointer inside generated arrays means nothing to the
  /// file's author).
  func locate(_ error: CampaignFileError, base pointer: String) -> CampaignFileError {
    guard error.pointer.hasPrefix(pointer) else { return error }
    var relative = String(error.pointer.dropFirst(pointer.count))
    while positions[relative] == nil, let slash = relative.lastIndex(of: "/") {
      relative = String(relative[..<slash])
    }
    let position = positions[relative] ?? (1, 1)
    return CampaignFileError(
      pointer: pointer,
      message: "Talang text, line \(position.line), column \(position.column): \(error.message)",
      source: error.source)
  }

  /// `-?digits(.digits)?([eE][+-]?digits)?`: the words that are numbers.
  static func isNumber(_ word: String) -> Bool {
    var scalars = Substring(word).unicodeScalars[...]
    func digits() -> Bool {
      var any = false
      while let first = scalars.first, ("0"..."9").contains(first) {
        any = true
        scalars.removeFirst()
      }
      return any
    }
    if scalars.first == "-" { scalars.removeFirst() }
    guard digits() else { return false }
    if scalars.first == "." {
      scalars.removeFirst()
      guard digits() else { return false }
    }
    if scalars.first == "e" || scalars.first == "E" {
      scalars.removeFirst()
      if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
      guard digits() else { return false }
    }
    return scalars.isEmpty
  }

  private struct Reader {
    let characters: [Character]
    let pointer: String
    var index = 0
    /// How many lists are open.
    var depth = 0
    var line = 1
    var column = 1

    func failure(_ message: String) -> CampaignFileError {
      failure(message, line: line, column: column)
    }

    func failure(_ message: String, line: Int, column: Int) -> CampaignFileError {
      CampaignFileError(
        pointer: pointer, message: "Talang text, line \(line), column \(column): \(message)")
    }

    mutating func advance() {
      if characters[index] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }

    /// Skips white space and `;` comments.
    mutating func skipBlanks() {
      while index < characters.count {
        let character = characters[index]
        if character == ";" {
          while index < characters.count && characters[index] != "\n" { advance() }
        } else if character.isWhitespace {
          advance()
        } else {
          return
        }
      }
    }

    mutating func element(path: String, positions: inout [String: (line: Int, column: Int)])
      throws -> JSONValue
    {
      guard index < characters.count else { throw failure("expected an expression") }
      positions[path] = (line, column)
      switch characters[index] {
      case "(":
        let (openLine, openColumn) = (line, column)
        guard depth < TalangText.maximumDepth else {
          throw failure("nested deeper than \(TalangText.maximumDepth) levels")
        }
        depth += 1
        defer { depth -= 1 }
        advance()
        var elements: [JSONValue] = []
        while true {
          skipBlanks()
          guard index < characters.count else {
            throw failure(
              "'(' at line \(openLine), column \(openColumn) is never closed", line: openLine,
              column: openColumn)
          }
          if characters[index] == ")" {
            advance()
            return .array(elements)
          }
          elements.append(try element(path: "\(path)/\(elements.count)", positions: &positions))
        }
      case ")":
        throw failure("unexpected ')'")
      case "\"":
        return .string(try quoted())
      default:
        return atom(word())
      }
    }

    mutating func quoted() throws -> String {
      let (startLine, startColumn) = (line, column)
      advance()
      var text = ""
      while index < characters.count {
        let character = characters[index]
        advance()
        switch character {
        case "\"":
          return text
        case "\\":
          guard index < characters.count else { break }
          let escaped = characters[index]
          advance()
          switch escaped {
          case "\"": text.append("\"")
          case "\\": text.append("\\")
          case "n": text.append("\n")
          case "t": text.append("\t")
          default:
            text.append("\\")
            text.append(escaped)
          }
        default:
          text.append(character)
        }
      }
      throw failure("this string is never closed", line: startLine, column: startColumn)
    }

    mutating func word() -> String {
      var text = ""
      while index < characters.count {
        let character = characters[index]
        if character.isWhitespace || character == "(" || character == ")" || character == "\""
          || character == ";"
        {
          break
        }
        text.append(character)
        advance()
      }
      return text
    }

    func atom(_ word: String) -> JSONValue {
      switch word {
      case "true": return .bool(true)
      case "false": return .bool(false)
      case "null": return .null
      default:
        if TalangText.isNumber(word),
          let number = Decimal(string: word, locale: Locale(identifier: "en_US_POSIX"))
        {
          return .number(number)
        }
        return .string(word)
      }
    }
  }
}
