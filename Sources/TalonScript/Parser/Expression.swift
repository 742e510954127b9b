import Foundation
import TalonAPI

/// An expression: a value computed when the statement runs.
indirect enum Expression: Sendable {
  case literal(JSONValue, SourceRange)
  /// A double-quoted string with `${...}` parts.
  case interpolated([InterpolationPart], SourceRange)
  case array([Expression], SourceRange)
  case object([(key: String, value: Expression)], SourceRange)
  case reference(Reference)
  case call(name: String, arguments: [Expression], SourceRange)
  case unary(UnaryOperator, Expression, SourceRange)
  case binary(BinaryOperator, Expression, Expression, SourceRange)
  /// A postfix path on a non-reference primary, e.g. `keys($x)[0]` or `($a).b`.
  case path(Expression, [PathComponent], SourceRange)

  var range: SourceRange {
    switch self {
    case .literal(_, let range), .interpolated(_, let range), .array(_, let range),
      .object(_, let range), .call(_, _, let range), .unary(_, _, let range),
      .binary(_, _, _, let range), .path(_, _, let range):
      range
    case .reference(let reference): reference.range
    }
  }

  /// True for a literal value (used to decide how `expect` shows the right side).
  var isLiteral: Bool {
    switch self {
    case .literal: true
    case .unary(.negate, let operand, _): operand.isLiteral
    default: false
    }
  }
}

/// A piece of a double-quoted string.
enum InterpolationPart: Sendable {
  case text(String)
  case expression(Expression)
}

enum UnaryOperator: String, Sendable {
  case negate = "-"
  case not
}

enum BinaryOperator: String, Sendable {
  case or, and
  case equal = "=="
  case notEqual = "!="
  case less = "<"
  case lessEqual = "<="
  case greater = ">"
  case greaterEqual = ">="
  case contains, matches
  case add = "+"
  case subtract = "-"
  case multiply = "*"
  case divide = "/"
}

/// `$name.field[0]["odd key"]`: a root and a path. The root `$` (empty name) is the left
/// result inside a pipe.
struct Reference: Sendable {
  var name: String
  var nameRange: SourceRange
  var path: [PathComponent]
  var range: SourceRange
}

/// One step of a path.
enum PathComponent: Sendable {
  case field(String, SourceRange)
  case index(Expression, SourceRange)

  var range: SourceRange {
    switch self {
    case .field(_, let range), .index(_, let range): range
    }
  }
}
