import Foundation
import TalonAPI

@testable import TalonScript

/// Readable dumps of tokens and syntax trees for the golden files.
enum SyntaxDump {
  static func tokens(_ text: String) -> String {
    let source = SourceFile(name: "t.tw", text: text)
    do {
      return try Lexer.tokenize(source).map { token in
        let spelled = source.text(in: token.range).replacingOccurrences(of: "\n", with: "\\n")
        return
          "\(token.kind) \(spelled.isEmpty ? "" : "`\(spelled)`")\(token.spaceBefore ? "" : " (adjacent)")"
      }.joined(separator: "\n")
    } catch {
      return error.rendered
    }
  }

  static func program(_ text: String) -> String {
    do {
      let program = try Interpreter.parse(text, file: "t.tw")
      return program.statements.map { statement($0, indent: "") }.joined(separator: "\n")
    } catch {
      return error.rendered
    }
  }

  static func statement(_ statement: Statement, indent: String) -> String {
    var head = "\(indent)\(statement.location.line):\(statement.location.column) "
    if let caption = statement.caption, !statement.isNarration {
      head += "[caption \(caption.location.line): \(caption.plainText)] "
    }
    switch statement.node {
    case .assignment(let name, _, let value):
      return head + "let \(name) = " + pipeline(value)
    case .expect(let condition, let message):
      return head + "expect " + expression(condition)
        + (message.map { " message " + expression($0) } ?? "")
    case .expectError(let expectation):
      return head + "expect error \(expectation.status) "
        + (expectation.text.map { "containing " + expression($0) + " " } ?? "")
        + pipeline(Pipeline(stages: [.command(expectation.command)]))
    case .conditional(let condition, let then, let otherwise):
      var text = head + "if " + expression(condition) + block(then, indent)
      if let otherwise { text += "\n\(indent)else" + block(otherwise, indent) }
      return text
    case .loop(let variable, _, let sequence, let body):
      return head + "for \(variable) in " + expression(sequence) + block(body, indent)
    case .repeat(let count, let body):
      return head + "repeat " + expression(count) + block(body, indent)
    case .pipeline(let value):
      return head + pipeline(value)
    case .narration:
      return head + "narration " + (statement.caption?.plainText ?? "")
    }
  }

  static func block(_ statements: [Statement], _ indent: String) -> String {
    statements.isEmpty
      ? " {}"
      : " {\n" + statements.map { statement($0, indent: indent + "  ") }.joined(separator: "\n")
        + "\n\(indent)}"
  }

  static func pipeline(_ pipeline: Pipeline) -> String {
    pipeline.stages.map { stage in
      switch stage {
      case .command(let command):
        let arguments =
          command.positional.map(expression)
          + command.named.map { "\($0.key)=" + expression($0.value) }
        return "(command \(command.name)" + arguments.map { " " + $0 }.joined() + ")"
      case .expression(let value): return expression(value)
      case .path(let components, _): return "(path" + path(components) + ")"
      }
    }.joined(separator: " | ")
  }

  static func path(_ components: [PathComponent]) -> String {
    components.map { component in
      switch component {
      case .field(let name, _): ".\(name)"
      case .index(let value, _): "[\(expression(value))]"
      }
    }.joined()
  }

  static func expression(_ value: TalonScript.Expression) -> String {
    switch value {
    case .literal(let literal, _): return literal.jsonText
    case .interpolated(let parts, _):
      return "(interpolate"
        + parts.map { part in
          switch part {
          case .text(let text): " " + JSONValue.string(text).jsonText
          case .expression(let inner): " " + expression(inner)
          }
        }.joined() + ")"
    case .array(let elements, _):
      return "[" + elements.map(expression).joined(separator: ", ") + "]"
    case .object(let members, _):
      return "{" + members.map { "\($0.key): " + expression($0.value) }.joined(separator: ", ")
        + "}"
    case .reference(let reference): return "$" + reference.name + path(reference.path)
    case .call(let name, let arguments, _):
      return "\(name)(" + arguments.map(expression).joined(separator: ", ") + ")"
    case .unary(let op, let operand, _): return "(\(op.rawValue) " + expression(operand) + ")"
    case .binary(let op, let left, let right, _):
      return "(" + expression(left) + " \(op.rawValue) " + expression(right) + ")"
    case .path(let base, let components, _): return "(" + expression(base) + ")" + path(components)
    }
  }
}
