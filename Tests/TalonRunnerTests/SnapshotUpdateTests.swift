import Foundation
import TalonScript
import Testing

@testable import TalonRunner

/// `--update`'s rewrite and its diff, without a run: only marked lines change.
@Suite struct SnapshotUpdateTests {
  @Test func onlyMarkedLinesAreReplacedByTheNewObservations() throws {
    let text = """
      # a comment
      profile update ann
      expect $last.a == 1  # snapshot
      expect $last.b == 2  # snapshot
      expect $last.mine == 3
      session update s1
      echo done

      """
    let program = try Interpreter.parse(text, file: "t.tw")
    let update = SnapshotUpdate(program: program)
    #expect(update.markedLines == [3, 4])
    // Statement 0 (profile update) observed one fact; statement 3 (session update) had no
    // snapshot lines, so its observation is not written.
    let new = update.rewritten(observed: [0: ["expect $last.a == 5  # snapshot"], 3: ["x"]])
    #expect(
      new == """
        # a comment
        profile update ann
        expect $last.a == 5  # snapshot
        expect $last.mine == 3
        session update s1
        echo done

        """)
    #expect(
      UnifiedDiff.text(old: text, new: new, oldName: "t.tw", newName: "t.tw (updated)") == """
        --- t.tw
        +++ t.tw (updated)
        @@ -1,7 +1,6 @@
         # a comment
         profile update ann
        -expect $last.a == 1  # snapshot
        -expect $last.b == 2  # snapshot
        +expect $last.a == 5  # snapshot
         expect $last.mine == 3
         session update s1
         echo done

        """)
    #expect(UnifiedDiff.text(old: text, new: text, oldName: "a", newName: "b") == "")
  }
}
