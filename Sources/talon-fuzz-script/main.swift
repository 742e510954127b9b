import Foundation
import TalonScript

// libFuzzer over the script lexer and parser. SwiftPM links this module's entry point as
// `main`, which wins over libFuzzer's, so this calls libFuzzer's driver itself. Built only by
// `make fuzz` and at the end of `make test` (see Package.swift and the Makefile).

@_extern(c, "LLVMFuzzerRunDriver")
func runFuzzerDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// One input: lexes and parses arbitrary bytes; the outcome must be a program or a located
/// parse error. The tolerant scan of completion reads the same bytes and must stay within
/// them. Also exported under libFuzzer's name, which its (unused) `main` refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  _ = Interpreter.isIncomplete(text)
  if InputScan(text).cursor.text.utf8.count > text.utf8.count {
    fatalError("the cursor's word is longer than the input")
  }
  do {
    let program = try Interpreter.parse(text, file: "fuzz.tw")
    for statement in program.statements where statement.range.start > statement.range.end {
      fatalError("statement range is inverted: \(statement.range)")
    }
  } catch {
    if error.kind != .parse || error.location == nil { fatalError("unlocated error: \(error)") }
    _ = error.rendered
  }
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
