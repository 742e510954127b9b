import TalonAPI

/// `expect error STATUS ["TEXT"] COMMAND ...`.
///
/// Decided here: after `expect`, the word `error` always starts this form (write `"error"`
/// to mean the string); the status is a number literal from 400 to 599, so a typo is a parse
/// error before anything runs; TEXT is a quoted string or a reference (a bare word there would
/// read as the command); the command must make an API call and stands alone (no pipe).
extension Parser {
  static let expectErrorUsage = "expect error STATUS [\"TEXT\"] COMMAND ..."

  mutating func errorExpectation() throws(ScriptError) -> ErrorExpectation {
    let keyword = advance()
    let statusToken = current
    guard statusToken.kind == .number else {
      let found =
        [.newline, .endOfFile, .rightBrace].contains(statusToken.kind)
        ? "" : ", found \(describe(statusToken))"
      throw error(
        "expected an HTTP error status (400 to 599) after 'expect error'\(found) (usage: \(Self.expectErrorUsage))",
        at: statusToken.kind == .endOfFile || statusToken.kind == .newline
          ? keyword.range.end : statusToken.range.start)
    }
    let statusText = text(of: statusToken)
    guard statusText.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
      statusText.count <= 3, let status = Int(statusText), (400...599).contains(status)
    else {
      throw error(
        "'\(statusText)' is not an HTTP error status: write a whole number from 400 to 599",
        at: statusToken.range.start)
    }
    advance()
    var wanted: Expression?
    if [.string, .rawString, .variable].contains(current.kind) {
      wanted = try primary()
    }
    let commandStart = current
    if commandStart.kind == .word, IntegrationOperation.named(text(of: commandStart)) == nil,
      CommandTable.family(text(of: commandStart)).isEmpty
    {
      let word = text(of: commandStart)
      throw error(
        "unknown command '\(word)'\(CommandSuggestion.hint(for: word))",
        at: commandStart.range.start)
    }
    guard commandStart.kind == .word, let type = try commandType() else {
      throw error(
        "expected an API command after 'expect error \(status)', found \(describe(commandStart)) (usage: \(Self.expectErrorUsage))",
        at: commandStart.range.start)
    }
    let nameRange = commandStart.range.union(tokens[max(0, position - 1)].range)
    guard type.spec.operation != nil else {
      throw error(
        "'\(type.spec.name)' makes no API call; 'expect error' needs an API command such as 'profile inventory ID' or an operation name",
        at: commandStart.range.start)
    }
    let command = try command(type, nameRange: nameRange)
    if current.kind == .pipe {
      throw error(
        "'expect error' takes a single command, not a pipe; look at $last on the next line",
        at: current.range.start)
    }
    return ErrorExpectation(
      range: SourceRange(start: keyword.range.start, end: previousEnd), status: status,
      statusRange: statusToken.range, text: wanted, command: command)
  }
}
