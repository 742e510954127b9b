internal import CLibEdit
import Foundation
import TalonRendering

/// Line editing on a terminal through libedit: emacs keys, the user's `~/.editrc` (or
/// `$EDITRC`), history keys over a ``History``, and tab completion through a ``Completer``.
///
/// Decisions:
/// - `el_gets` blocks, so every read runs on a thread of its own (``BlockingThread``); reads
///   never overlap (the shell loop awaits each one).
/// - Ctrl-C on the prompt: the terminal's `isig` flag is turned off while a line is edited, so
///   Ctrl-C reaches libedit as a key, bound to a command that abandons the line
///   (``LineEditorEvent/interrupted``). No signal is involved, so it cannot land on the wrong
///   thread. While a command runs, the terminal is back in its normal mode and Ctrl-C is
///   SIGINT (see ``SignalWatcher``). The same holds for Ctrl-Z and Ctrl-\ on the prompt,
///   which do nothing there.
/// - libedit installs no signal handlers (`EL_SIGNAL` 0): SIGTERM and SIGHUP stay with the
///   shell loop, which restores the terminal (``restoreTerminal()``) before exiting. The
///   window size is re-read before each line, so a resize while a line is edited is picked up
///   on the next line.
/// - The character set is UTF-8 (see `useUTF8CharacterSet`).
/// - Colour sequences in prompts are marked for libedit, so they take no width.
public final class LineEditor: LineReader, @unchecked Sendable {
  let editor: OpaquePointer
  let state: EditorState
  /// The terminal settings when the editor was made, restored by ``restoreTerminal()``.
  private var savedTerminal = termios()
  private let hasSavedTerminal: Bool
  /// Kept alive for as long as libedit holds its handle.
  private let history: History?

  /// A line editor on standard input and output, which must be a terminal; nil when libedit
  /// cannot be set up. `readEditrc` false skips `~/.editrc`.
  public init?(
    programName: String = "talon", history: History? = nil, completer: (any Completer)? = nil,
    readEditrc: Bool = true
  ) {
    hasSavedTerminal = tcgetattr(STDIN_FILENO, &savedTerminal) == 0
    Self.useUTF8CharacterSet()
    guard let editor = clibedit_init(programName) else { return nil }
    self.editor = editor
    self.history = history
    state = EditorState(completer: completer)
    clibedit_set_client_data(editor, Unmanaged.passUnretained(state).toOpaque())
    clibedit_set_signal(editor, 0)
    clibedit_set_editor(editor, "emacs")
    clibedit_set_prompt(editor, editorPrompt, EditorState.promptEscape)
    clibedit_setty_edit(editor, "-isig")
    clibedit_add_function(
      editor, "talon-complete", "Complete the word at the cursor", editorComplete)
    clibedit_add_function(editor, "talon-interrupt", "Abandon the line", editorInterrupt)
    clibedit_bind(editor, "^I", "talon-complete")
    clibedit_bind(editor, "^C", "talon-interrupt")
    if let history { clibedit_set_history(editor, history.handle) }
    if readEditrc { clibedit_source_editrc(editor) }
  }

  deinit {
    el_end(editor)
  }

  public func readLine(prompt: String) async -> LineEditorEvent {
    await BlockingThread.run { self.blockingReadLine(prompt: prompt) }
  }

  /// Puts the terminal back into the mode it had when the editor was made; for exit paths
  /// that may interrupt a read (SIGTERM).
  public func restoreTerminal() {
    guard hasSavedTerminal else { return }
    var settings = savedTerminal
    tcsetattr(STDIN_FILENO, TCSADRAIN, &settings)
  }

  private func blockingReadLine(prompt: String) -> LineEditorEvent {
    state.beginLine(prompt: Self.markEscapes(prompt))
    el_resize(editor)
    // libedit enters its editing mode only when it reads the first key, after the prompt is
    // shown; keys typed in between would meet the normal mode (Ctrl-D as the terminal's
    // end-of-file, Ctrl-C as SIGINT) and be lost. Enter it before the prompt shows.
    clibedit_prepare_terminal(editor, 1)
    var count: Int32 = 0
    let text = el_gets(editor, &count)
    if state.interrupted { return .interrupted }
    guard let text, count > 0 else {
      Terminal.writeStandardOutput("\n")
      return .endOfFile
    }
    var line = String(cString: text)
    while line.last == "\n" || line.last == "\r" { line.removeLast() }
    return .line(line)
  }

  /// libedit decodes input with the C library's character set (`LC_CTYPE`), which is "C"
  /// (ASCII) until a program selects one. Decision: take the user's locale, and UTF-8 when
  /// that is not UTF-8, since Swift strings and the API's JSON are UTF-8.
  private static func useUTF8CharacterSet() {
    setlocale(LC_CTYPE, "")
    if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
    setlocale(LC_CTYPE, "C.UTF-8")
  }

  /// `prompt` with each ANSI escape sequence enclosed in libedit's invisible-text markers.
  static func markEscapes(_ prompt: String) -> String {
    let marker = Character(UnicodeScalar(UInt8(bitPattern: EditorState.promptEscape)))
    var result = ""
    var inEscape = false
    for character in prompt {
      if character == "\u{1B}" {
        inEscape = true
        result.append(marker)
      }
      result.append(character)
      if inEscape, character.isLetter {
        inEscape = false
        result.append(marker)
      }
    }
    return result
  }
}
