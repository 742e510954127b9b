import Foundation
import Synchronization
import TalonRendering
import TalonScript

/// Prints results of nested statements as they finish, with the current renderer (which
/// `set output` changes); shared with the interpreter's environment callback.
final class NestedPrinter: Sendable {
  private let currentRenderer: Mutex<ResultRenderer>
  private let sink: @Sendable (String) -> Void

  init(renderer: ResultRenderer, write: @escaping @Sendable (String) -> Void) {
    currentRenderer = Mutex(renderer)
    sink = write
  }

  var renderer: ResultRenderer {
    get { currentRenderer.withLock { $0 } }
    set { currentRenderer.withLock { $0 = newValue } }
  }

  func write(_ text: String) {
    sink(text)
  }

  /// `echo` and `help` text and values in full; API calls as one line each (in full in the
  /// summary view, where a `run` of a demo script should show every effect table).
  func printNested(_ result: StatementResult) {
    let renderer = self.renderer
    let text: String
    switch result.kind {
    case .output, .value: text = renderer.render(result)
    case .api where renderer.format == .summary: text = renderer.render(result)
    case .api: text = renderer.renderLine(result)
    case .assignment where !result.apiCalls.isEmpty: text = renderer.renderLine(result)
    default: text = ""
    }
    if !text.isEmpty { sink(text + "\n") }
  }
}
