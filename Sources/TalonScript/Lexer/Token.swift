/// One token: its kind and where it lies. The text is read from the source when needed.
struct Token: Sendable {
  var kind: TokenKind
  var range: SourceRange
  /// True when whitespace (or a line continuation) separates it from the previous token; paths
  /// (`$a.b[0]`) and calls (`len(x)`) need their parts adjacent.
  var spaceBefore: Bool
}

/// The kinds of tokens of the command language.
enum TokenKind: Sendable, Equatable {
  /// A bare word `[A-Za-z_][A-Za-z0-9_.:@/-]*`, or a digit-led date, time or duration; both
  /// are strings when used as values.
  case word
  /// A number in JSON's grammar (without sign).
  case number
  /// A double-quoted string; may hold `${...}` interpolations.
  case string
  /// A single-quoted raw string.
  case rawString
  /// `$name`.
  case variable
  /// `$` alone: the left result inside a pipe.
  case dollar
  /// A field name after `.` in a path.
  case field
  case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
  case comma, colon, assign, pipe, dot
  case equal, notEqual, less, lessEqual, greater, greaterEqual
  case plus, minus, star, slash
  case newline
  /// A narration line `#> text` at the start of a line: from `#` to the end of the line.
  case caption
  case endOfFile

  /// How the kind reads in error messages.
  var display: String {
    switch self {
    case .word: "word"
    case .number: "number"
    case .string, .rawString: "string"
    case .variable, .dollar: "reference"
    case .field: "field name"
    case .leftParen: "'('"
    case .rightParen: "')'"
    case .leftBracket: "'['"
    case .rightBracket: "']'"
    case .leftBrace: "'{'"
    case .rightBrace: "'}'"
    case .comma: "','"
    case .colon: "':'"
    case .assign: "'='"
    case .pipe: "'|'"
    case .dot: "'.'"
    case .equal: "'=='"
    case .notEqual: "'!='"
    case .less: "'<'"
    case .lessEqual: "'<='"
    case .greater: "'>'"
    case .greaterEqual: "'>='"
    case .plus: "'+'"
    case .minus: "'-'"
    case .star: "'*'"
    case .slash: "'/'"
    case .newline: "end of line"
    case .caption: "narration ('#>' line)"
    case .endOfFile: "end of input"
    }
  }
}
