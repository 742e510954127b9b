internal import CLibEdit
import Foundation
import TalonRendering

/// The Swift side of one libedit editor, reached from libedit's C callbacks through
/// `EL_CLIENTDATA`: the prompt of the current read, the completer and whether Ctrl-C
/// abandoned the line. Used only on the thread running the current read.
final class EditorState: @unchecked Sendable {
  /// libedit's marker around prompt text that takes no width (ANSI sequences).
  static let promptEscape: CChar = 1

  let completer: (any Completer)?
  private(set) var prompt: UnsafeMutablePointer<CChar>?
  var interrupted = false

  init(completer: (any Completer)?) {
    self.completer = completer
  }

  deinit {
    free(prompt)
  }

  func beginLine(prompt text: String) {
    free(prompt)
    prompt = strdup(text)
    interrupted = false
  }

  static func of(_ editor: OpaquePointer?) -> EditorState? {
    guard let editor, let data = clibedit_get_client_data(editor) else { return nil }
    return Unmanaged<EditorState>.fromOpaque(data).takeUnretainedValue()
  }
}

// The C callbacks libedit calls while a line is edited. They find their editor's state
// through the client data pointer.

/// libedit's return codes of editor commands.
private enum EditorCommandResult {
  static let refresh = UInt8(CC_REFRESH)
  static let redisplay = UInt8(CC_REDISPLAY)
  static let refreshBeep = UInt8(CC_REFRESH_BEEP)
  static let normal = UInt8(CC_NORM)
}

func editorPrompt(_ editor: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  EditorState.of(editor)?.prompt
}

/// Ctrl-C: marks the line abandoned, shows `^C` at its end and ends the read with a newline.
func editorInterrupt(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
  guard let state = EditorState.of(editor) else { return EditorCommandResult.normal }
  state.interrupted = true
  if let line = el_wline(editor)?.pointee, let cursor = line.cursor, let end = line.lastchar {
    el_cursor(editor, Int32(clamping: end - cursor))
  }
  el_insertstr(editor, "^C")
  el_push(editor, "\n")
  return EditorCommandResult.refresh
}

/// TAB: asks the completer, then inserts the completion or lists the candidates.
func editorComplete(_ editor: OpaquePointer?, _ key: Int32) -> UInt8 {
  guard let state = EditorState.of(editor), let completer = state.completer,
    let info = el_line(editor)?.pointee, let buffer = info.buffer, let cursor = info.cursor,
    let end = info.lastchar
  else { return EditorCommandResult.refreshBeep }
  let before = UnsafeBufferPointer(start: buffer, count: cursor - buffer)
  let all = UnsafeBufferPointer(start: buffer, count: end - buffer)
  let prefix = String(decoding: before.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  let line = String(decoding: all.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  let cursorCharacters = prefix.count
  let result = completer.complete(line: line, cursor: cursorCharacters)
  switch CompletionAction(result: result, line: line, cursor: cursorCharacters) {
  case .beep:
    return EditorCommandResult.refreshBeep
  case .replace(let deleting, let text):
    let deleted = prefix.suffix(deleting).unicodeScalars.count
    if deleted > 0 { el_deletestr(editor, Int32(deleted)) }
    if el_insertstr(editor, text) != 0 { return EditorCommandResult.refreshBeep }
    return EditorCommandResult.refresh
  case .list(let candidates):
    let width = Int(clibedit_terminal_columns(STDOUT_FILENO))
    let rows = CompletionAction.columns(candidates, width: width)
    Terminal.writeStandardOutput("\n" + rows.joined(separator: "\n") + "\n")
    return EditorCommandResult.redisplay
  }
}
