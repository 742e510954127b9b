import TalonAPI

/// The scope of one script: its `let` variables, its `$args`, and its source (for locations
/// and for resolving `run` paths). Blocks share their script's frame; `run` pushes a new one.
struct Frame: Sendable {
  var source: SourceFile
  var variables: [String: JSONValue] = [:]
  var arguments: [String: JSONValue] = [:]

  /// The folder relative paths in this script resolve against, or nil for shell input.
  var directory: String? {
    let name = source.name
    guard !name.hasPrefix("<") else { return nil }
    guard let slash = name.lastIndex(of: "/") else { return "." }
    return slash == name.startIndex ? "/" : String(name[..<slash])
  }
}

/// Signals that stop execution without being errors.
enum ControlSignal: Error {
  case exit(Int32)
}

/// Joins and normalises paths for `run` (`.` and `..` removed), without touching the disk.
enum ScriptPath {
  static func resolve(_ path: String, from directory: String) -> String {
    let joined = path.hasPrefix("/") ? path : directory + "/" + path
    var parts: [Substring] = []
    for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else {
        parts.append(part)
      }
    }
    let body = parts.joined(separator: "/")
    return joined.hasPrefix("/") ? "/" + body : (body.isEmpty ? "." : body)
  }
}
