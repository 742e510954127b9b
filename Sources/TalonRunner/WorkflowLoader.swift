import Foundation
import TalonScript

/// Reads and parses every workflow file before any runs, so a typo in the last file stops the
/// run before the first file has called the API (exit 2).
enum WorkflowLoader {
  /// The programs in order, or every problem found (all files are read, not just up to the
  /// first bad one), rendered like a compiler's diagnostics.
  static func load(
    _ files: [String], readFile: @Sendable (String) throws -> String
  ) -> Result<[Program], LoadFailure> {
    var programs: [Program] = []
    var problems: [String] = []
    if files.isEmpty { problems.append("error: no workflow file given (talon run FILE.tw ...)") }
    for file in files {
      if let folder = folderProblem(file) {
        problems.append(folder)
        continue
      }
      let text: String
      do {
        text = try readFile(file)
      } catch {
        problems.append("\(file): error: cannot read the file: \(reason(error))")
        continue
      }
      do throws(ScriptError) {
        programs.append(try Interpreter.parse(text, file: file))
      } catch {
        problems.append(error.rendered)
      }
    }
    return problems.isEmpty ? .success(programs) : .failure(LoadFailure(problems: problems))
  }

  /// A sentence for a folder given where a file belongs (`talon run workflows/`), or nil.
  static func folderProblem(_ path: String) -> String? {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { return nil }
    let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
    return
      "\(path): error: this is a folder, not a workflow file; give its files instead: "
      + "talon run \(folder)/*.tw"
  }

  static func reason(_ error: any Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSCocoaErrorDomain {
      switch nsError.code {
      case NSFileReadNoSuchFileError: return "no such file"
      case NSFileReadNoPermissionError: return "permission denied"
      case NSFileReadInapplicableStringEncodingError: return "it is not UTF-8 text"
      case NSFileReadUnknownError: return "it cannot be read (is it a folder or a device?)"
      default: break
      }
    }
    return nsError.localizedDescription
  }
}

/// Why workflow files could not be loaded: one rendered diagnostic per problem.
struct LoadFailure: Error {
  var problems: [String]
}
