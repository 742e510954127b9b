import Foundation
import Testing

@testable import TalonAPI
@testable import TalonEngine

/// The conformance table: every example of Talang's public function document whose result is
/// stated, evaluated through a real campaign of a real engine (`RuleProbe`); where talon departs
/// from an example, `docs/behaviour.md`, "Talang functions", says why. Results are JSON; `nil` means the evaluation fails (the rule is skipped).
/// Examples the document writes without their outer parentheses are written with them.
@Suite("Talang conformance")
struct TalangConformanceTests {
  /// One example: Talang text, the expected value as JSON text (nil: fails), and for corrected
  /// or adapted examples what the document states and why the result differs.
  struct Example: Sendable, CustomTestStringConvertible {
    var text: String
    var expected: String?
    var note: String?

    init(_ text: String, _ expected: String?, note: String? = nil) {
      self.text = text
      self.expected = expected
      self.note = note
    }

    var testDescription: String { text }
  }

  /// Examples that hold as the document states them.
  static let documented: [Example] = [
    Example(#"(!= 1 1)"#, "false"),
    Example(#"(!= "Hello World" "Hello World")"#, "false"),
    Example(#"(!= true true)"#, "false"),
    Example(#"(!= 2006-01-02T15:04:05Z 2006-01-02T15:04:05Z)"#, "false"),
    Example(#"(!= 1 "1")"#, "false"),
    Example(#"(!= "Hello" "Bye")"#, "true"),
    Example(#"(!= "Hello" "Hello" "Bye")"#, "false"),
    Example(#"(* 1 2)"#, "2"),
    Example(#"(* 1 2 3)"#, "6"),
    Example(#"(+ "Hello" " " "World")"#, #""Hello World""#),
    Example(#"(+ "Hello" " " (toString (+ 1 2)))"#, #""Hello 3""#),
    Example(#"(+ 1 1)"#, "2"),
    Example(#"(+ 1 2 3)"#, "6"),
    Example(#"(- 1 1)"#, "0"),
    Example(#"(- 1 2 3)"#, "-4"),
    Example(#"(.| boo (. Meh))"#, #""boo""#),
    Example(#"(/ 1 2)"#, "0.5"),
    Example(#"(< 2006-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(< 2007-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(< 2008-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(< 0 1)"#, "true"),
    Example(#"(< 1 1)"#, "false"),
    Example(#"(< 2 1)"#, "false"),
    Example(#"(<= 0 1)"#, "true"),
    Example(#"(<= 1 1)"#, "true"),
    Example(#"(<= 2 1)"#, "false"),
    Example(#"(<= 2006-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(<= 2007-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(<= 2008-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(= 1 1)"#, "true"),
    Example(#"(= "Hello World" "Hello World")"#, "true"),
    Example(#"(= true true)"#, "true"),
    Example(#"(= 2006-01-02T15:04:05Z 2006-01-02T15:04:05Z)"#, "true"),
    Example(#"(= 1 "1")"#, "true"),
    Example(#"(= "Hello" "Bye")"#, "false"),
    Example(#"(= "Hello" "Hello" "Bye")"#, "false"),
    Example(#"(> 0 1)"#, "false"),
    Example(#"(> 1 1)"#, "false"),
    Example(#"(> 2 1)"#, "true"),
    Example(#"(> 2006-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(> 2007-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(> 2008-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(>= 2006-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "false"),
    Example(#"(>= 2007-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(>= 2008-01-02T15:04:05Z 2007-01-02T15:04:05Z)"#, "true"),
    Example(#"(>= 0 1)"#, "false"),
    Example(#"(>= 1 1)"#, "true"),
    Example(#"(>= 2 1)"#, "true"),
    Example(#"(addDuration 2018-03-18T00:04:05Z 3 minutes)"#, #""2018-03-18T00:07:05Z""#),
    Example(#"(addDuration 2018-03-18T00:04:05Z 2 hours)"#, #""2018-03-18T02:04:05Z""#),
    Example(#"(addDuration 2018-03-18T00:04:05Z 18 days)"#, #""2018-04-05T00:04:05Z""#),
    Example(#"(and false false)"#, "false"),
    Example(
      #"(append (list "Hello World" "Hello Universe") "Hello Human")"#,
      #"["Hello World", "Hello Universe", "Hello Human"]"#),
    Example(#"(append (list 1 2) 3 4)"#, "[1, 2, 3, 4]"),
    Example(#"(between 1 0 3)"#, "true"),
    Example(#"(between 1 2 0 3)"#, "true"),
    Example(#"(between 0 0 2)"#, "false"),
    Example(#"(between 2 0 2)"#, "false"),
    Example(#"(between 1 4 0 3)"#, "false"),
    Example(
      #"(between 2007-01-02T00:00:00Z 2006-01-02T00:00:00Z 2009-01-02T00:00:00Z)"#, "true"),
    Example(
      #"(between 2007-01-02T00:00:00Z 2008-01-02T00:00:00Z 2006-01-02T00:00:00Z 2009-01-02T00:00:00Z)"#,
      "true"),
    Example(
      #"(between 2006-01-02T00:00:00Z 2006-01-02T00:00:00Z 2008-01-02T00:00:00Z)"#, "false"),
    Example(
      #"(between 2008-01-02T00:00:00Z 2006-01-02T00:00:00Z 2008-01-02T00:00:00Z)"#, "false"),
    Example(
      #"(between 2007-01-02T00:00:00Z 2010-01-02T00:00:00Z 2006-01-02T00:00:00Z 2009-01-02T00:00:00Z)"#,
      "false"),
    Example(#"(catch "Edward" (. Profile Name))"#, #""Edward""#),
    Example(#"(ceil 2)"#, "2"),
    Example(#"(ceil 2.4)"#, "3"),
    Example(#"(ceil 2.5)"#, "3"),
    Example(#"(ceil 2.9)"#, "3"),
    Example(#"(ceil -2.7)"#, "-2"),
    Example(#"(ceil -2)"#, "-2"),
    // The document's examples of `concat` are written with `+`.
    Example(#"(+ "Hello" " " "World")"#, #""Hello World""#),
    Example(#"(+ "Hello" " " (toString (+ 1 2)))"#, #""Hello 3""#),
    Example(#"(contains "Hello" "Hello World")"#, "true"),
    Example(#"(contains "Hello" "World")"#, "false"),
    Example(#"(contains "Hello" "Hello World" "Hello Universe")"#, "true"),
    Example(#"(contains "World" "Hello World" "Hello Universe")"#, "false"),
    Example(#"(do (list 1 2 3) ((Item) (. Item)))"#, "[1, 2, 3]"),
    Example(#"(do (list 1 2 3) Item (. Item))"#, "[1, 2, 3]"),
    Example(#"(drop (list "Hello World" "Hello Universe"))"#, #"["Hello World"]"#),
    Example(#"(drop (list 1 true Hello))"#, "[1, true]"),
    Example(#"(endsWith "World" "Hello World")"#, "true"),
    Example(#"(endsWith "World" "Hello Universe")"#, "false"),
    Example(#"(endsWith "World" "Hello World" "Hello Universe")"#, "false"),
    Example(#"(endsWith "World" "Hello World" "By World")"#, "true"),
    Example(#"(exists (list hello world) ((Item) (= (. Item) "hello")))"#, "true"),
    Example(#"(exists (list hello world) ((Item) (= (. Item) "hey!!")))"#, "false"),
    Example(#"(exists (list hello world) Item (= (. Item) "hello"))"#, "true"),
    Example(#"(exists (list hello world) Item (= (. Item) "hey!!"))"#, "false"),
    Example(#"(filter (list 1 4 7 12 24 48) ((x) (> (. x) 10)))"#, "[12, 24, 48]"),
    Example(#"(firstName "Alex Unger")"#, #""Alex""#),
    Example(#"(floor 2)"#, "2"),
    Example(#"(floor 2.4)"#, "2"),
    Example(#"(floor 2.5)"#, "2"),
    Example(#"(floor 2.9)"#, "2"),
    Example(#"(floor -2.7)"#, "-3"),
    Example(#"(floor -2)"#, "-2"),
    Example(#"(head (list "Hello World" "Hello Universe"))"#, #""Hello World""#),
    Example(#"(head (list 1 true Hello))"#, "1"),
    Example(#"(hour 2018-01-14T19:04:05Z)"#, #""19""#),
    Example(#"(item (list "Hello World" "Hello Universe") 0)"#, #""Hello World""#),
    Example(#"(item (list 1 true Hello) 1)"#, "true"),
    Example(#"(item (list 1 true Hello) 3)"#, nil),
    Example(#"(join (list hello world) "-")"#, #""hello-world""#),
    Example(#"(join (list hello world) ",")"#, #""hello,world""#),
    Example(#"(lastName "Alex Unger")"#, #""Unger""#),
    Example(#"(lastName "Mr Foo Bar")"#, #""Bar""#),
    Example(#"(list "Hello World" "Hello Universe")"#, #"["Hello World", "Hello Universe"]"#),
    Example(#"(list 1 true Hello)"#, #"[1, true, "Hello"]"#),
    Example(
      #"(map (list "World" "Universe") ((x) (+ "Hello " (. x))))"#,
      #"["Hello World", "Hello Universe"]"#),
    Example(
      #"(map (list "World" "Universe") x (+ "Hello " (. x)))"#,
      #"["Hello World", "Hello Universe"]"#),
    Example(#"(max (list 3 4 1 3 7 1 17 15 2))"#, "17"),
    Example(#"(max (list 4 2 9 2 27 1 2 422))"#, "422"),
    Example(#"(min (list 3 4 1 3 7 1 17 15 2))"#, "1"),
    Example(#"(min (list 3 4 -1 3 7 1 17 0 2))"#, "-1"),
    Example(#"(minute 2018-01-14T19:04:05Z)"#, #""04""#),
    Example(#"(mod 1 2)"#, "1"),
    Example(#"(mod 3 8 2)"#, "1"),
    Example(#"(month 2018-01-02T19:04:05Z)"#, #""1""#),
    Example(#"(monthDay 2018-01-14T19:04:05Z)"#, #""14""#),
    Example(#"(notContains "Hello" "Hello World")"#, "false"),
    Example(#"(notContains "Hello" "World")"#, "true"),
    Example(#"(notContains "Hello" "Hello World" "Hello Universe")"#, "false"),
    Example(#"(notContains "World" "Hello World" "Hello Universe")"#, "false"),
    Example(#"(or false false false true false)"#, "true"),
    Example(#"(or false false)"#, "false"),
    // The document shows the instant in Go's default layout; it is the same instant.
    Example(#"(parseTime "2018-01-02T19:04:05Z")"#, #""2018-01-02T19:04:05Z""#),
    Example(
      #"(push (list "Hello World" "Hello Universe") "Hello Human")"#,
      #"["Hello World", "Hello Universe", "Hello Human"]"#),
    Example(#"(push (list 1 2) 3 4)"#, "[1, 2, 3, 4]"),
    Example(#"(reverse (list 1 2 3 4))"#, "[4, 3, 2, 1]"),
    Example(#"(reverse (list 1))"#, "[1]"),
    Example(#"(sort (list "World" "Universe"))"#, #"["Universe", "World"]"#),
    Example(#"(sort (list "World" "Universe") true)"#, #"["World", "Universe"]"#),
    Example(#"(sortByNumber (list 2 4 3 1) ((Item) (. Item)) true)"#, "[4, 3, 2, 1]"),
    Example(#"(sortByNumber (list 2 4 3 1) ((Item) (. Item)) false)"#, "[1, 2, 3, 4]"),
    Example(#"(split "1,2,3,a" ",")"#, #"["1", "2", "3", "a"]"#),
    Example(#"(split "1-2-3-a" "-")"#, #"["1", "2", "3", "a"]"#),
    Example(#"(startsWith "Hello" "Hello World")"#, "true"),
    Example(#"(startsWith "Hello" "World")"#, "false"),
    Example(#"(startsWith "Hello" "Hello World" "Hello Universe")"#, "true"),
    Example(#"(startsWith "Hello" "Hello World" "Hell Universe")"#, "false"),
    Example(#"(subDuration 2018-03-18T00:04:05Z 12 minutes)"#, #""2018-03-17T23:52:05Z""#),
    Example(#"(subDuration 2018-03-18T00:04:05Z 17 hours)"#, #""2018-03-17T07:04:05Z""#),
    Example(#"(subDuration 2018-03-18T00:04:05Z 22 days)"#, #""2018-02-24T00:04:05Z""#),
    Example(#"(tail (list "Hello World" "Hello Universe"))"#, #"["Hello Universe"]"#),
    Example(#"(tail (list 1 true Hello))"#, #"[true, "Hello"]"#),
    Example(#"(toString 1)"#, #""1""#),
    Example(#"(toString true)"#, #""true""#),
    Example(#"(year 2018-01-02T19:04:05Z)"#, #""2018""#),
    Example(#"(~ "[a-z\s]*" "Hello W0rld")"#, "false"),
    Example(#"(~ "[a-z\s]*" "Hello W0rld" "Hello Universe")"#, "false"),
  ]

  /// Examples whose stated result contradicts their function's own description (or the rest of
  /// the document): talon follows the description; each note says what the document states.
  static let corrected: [Example] = [
    Example(
      #"(/ 1 2 3)"#, "0.166666666666666666666666666666666666666",
      note:
        "stated 0.166666: the document cuts the digits; exact decimals keep 38 (cut, not rounded)"),
    Example(#"(after 2006-01-02T19:04:05Z 2006-01-02T15:04:05Z)"#, "true", note: #"stated "true""#),
    Example(
      #"(after 2006-01-01T19:04:05Z 2006-01-02T15:04:05Z)"#, "false", note: #"stated "false""#),
    Example(
      #"(and false (> 2 1))"#, "false",
      note: "stated true: 'all predicates are true' does not hold with false among them"),
    Example(
      #"(before 2006-01-02T19:04:05Z 2006-01-02T15:04:05Z)"#, "false", note: #"stated "false""#),
    Example(
      #"(before 2006-01-01T19:04:05Z 2006-01-02T15:04:05Z)"#, "true", note: #"stated "true""#),
    Example(
      #"(betweenTimes 2006-01-02T19:04:05Z 2006-01-01T15:04:05Z 2006-01-03T19:04:05Z)"#, "true",
      note: #"stated "false": the timestamp (first) lies between minTime and maxTime"#),
    Example(
      #"(betweenTimes 2006-01-01T19:04:05Z 2006-01-02T15:04:05Z 2006-01-03T19:04:05Z)"#, "false",
      note: #"stated "true": the timestamp (first) is before minTime"#),
    Example(
      #"(catch 22 2)"#, "2",
      note: "stated 22: evaluating 2 does not fail, so its value is the result"),
    Example(#"(count (list 1 2 3 4))"#, "4", note: #"stated "4", a string"#),
    Example(#"(count (list 1))"#, "1", note: #"stated "1", a string"#),
    Example(
      #"(daysBetween 2006-01-02T19:04:05Z 2006-01-02T22:19:05Z)"#,
      "0.13541666666666666666666666666666666666",
      note: "stated 0.13541666666666666, a binary float; exact decimals keep 38 digits"),
    Example(
      #"(filter (list "Sasquatch" "Front squats" "Caramel" "Cart items") ((x) (contains (. x) "squat")))"#,
      "[]",
      note:
        #"stated ["Sasquatch" "Front squats"]: contains takes the searched-for text first, so this asks whether "squat" contains each item"#
    ),
    Example(
      #"(firstName "Mr Foo Bar")"#, #""Mr Foo""#,
      note: #"stated "Mr": firstName is all but the last word"#),
    Example(
      #"(formatTime 2018-01-02T19:04:05Z)"#, #""2018-01-02T19:04:05Z""#,
      note: #"stated "2018": formatTime gives an RFC 3339 timestamp"#),
    Example(#"(isEmpty (list hello world))"#, "false", note: #"stated "false""#),
    Example(#"(isEmpty (list))"#, "true", note: #"stated "true""#),
    Example(
      #"(kv (Key1 "Hello World") (Key2 true) (Key3 123))"#,
      #"{"Key1": "Hello World", "Key2": true, "Key3": 123}"#,
      note: "stated keys key1, key2, key3: the keys are the ones passed"),
    Example(
      #"(matchTime 2018-03-11T00:04:05Z 2018-03-11T00:04:05Z YYYY-MM-DD)"#, "true",
      note: #"stated "true""#),
    Example(#"(not false)"#, "true", note: #"stated "true""#),
    Example(#"(not (not false))"#, "false", note: #"stated "false""#),
    Example(
      #"(sortByString (list "b" "a" "z" "t") ((Item) (. Item)) true)"#, #"["z", "t", "b", "a"]"#,
      note: "stated [a, b, t, z]: true means descending, as for sort and sortByNumber"),
    Example(
      #"(sortByString (list "b" "a" "z" "t") ((Item) (. Item)) false)"#, #"["a", "b", "t", "z"]"#,
      note: "stated [z, t, b, a]: false means ascending, as for sort and sortByNumber"),
    Example(
      #"(weekDay 2018-01-14T19:04:05Z)"#, #""0""#,
      note: #"stated "3": 2018-01-14 is a Sunday, day 0 of 0-6"#),
    Example(
      #"(~ "[a-z\s]*" "Hello World")"#, "false",
      note: "stated true: the pattern has no capital letters, and the whole string must match"),
    Example(
      #"(~ "[a-z\s]*" "Hello World" "Hello Universe")"#, "false",
      note: "stated true: the pattern has no capital letters, and the whole string must match"),
  ]

  /// Examples that need outside data (bindings, templates, a profile, the date of today),
  /// written so that the data is there; the note names the document's form.
  static let adapted: [Example] = [
    Example(
      #"(list (setTemplate "Template1" "done") (! Template1))"#, #"[null, "done"]"#,
      note: "(! Template1): needs a template set first"),
    Example(
      #"(list (setTemplate "Template2(String)String" (+ (# 0) "!")) (! Template2 "Hello World"))"#,
      #"[null, "Hello World!"]"#, note: #"(! Template2 "Hello World"): needs a template"#),
    Example(
      #"(list (set Key1 "Hello World") (. Key1))"#, #"[null, "Hello World"]"#,
      note: "(. Key1) and (set Key1 \"Hello World\"): need each other"),
    Example(
      #"(list (set Key2 SubKey1 true) (. Key2 SubKey1) (. Key2))"#,
      #"[null, true, {"SubKey1": true}]"#,
      note: "(. Key2 SubKey1) and (set Key2 SubKey1 true): need each other"),
    Example(
      #"(list (set List "XJK_992") (.| boo (. List)))"#, #"[null, "XJK_992"]"#,
      note: ".| boo (. List): assumes List is set"),
    Example(
      #"(catch 22 (. Profile Attributes Age))"#, "46",
      note:
        "catch 22 (. Profile Age): needs a profile aged 46 (talon reads attributes under Profile Attributes)"
    ),
    Example(
      #"(every (list (kv (Price 1)) (kv (Price 1))) ((x) (= 1 (. x Price))))"#, "true",
      note: "every (. Items) ((x) ...): needs Items; the stated 1 is the boolean true"),
    Example(
      #"(every (list (kv (Price 1)) (kv (Price 2))) x (= 1 (. x Price)))"#, "false",
      note: "every (. Items) x ...: the same example under the String, Token signature"),
    Example(
      #"(sum (list (kv (Price 2)) (kv (Price 2))) Item (. Item Price))"#, "4",
      note: "sum (. List) Item (. Item Price): needs the list of prices [2, 2]"),
    Example(
      #"(list (setTemplate "plus(Decimal, Decimal)Decimal" (+ (# 0) (# 1))) (! plus 1 2))"#,
      "[null, 3]", note: "setTemplate: the document states no result; the template is then used"),
    Example(
      #"(= (date (parseTime "20:04:05Z" "HH:mm:ss")) (date (. Now)))"#, "true",
      note: #"(parseTime "20:04:05Z" "HH:mm:ss"): the date is the day of evaluation"#),
    Example(
      #"(parseTime "2018-01-02 20:04:05" "YYYY-MM-DD HH:mm:ss")"#, #""2018-01-02T20:04:05Z""#,
      note: "the same layout with the date written out"),
    Example(
      #"(< (- (days (subDuration (. Now) 3 days)) 3) 0.001)"#, "true",
      note: "(days 2018-03-18T00:04:05Z): relative to the day of evaluation"),
  ]

  /// Examples that cannot be a test case, and why.
  static let cannotHold: [(example: String, reason: String)] = [
    (
      "(date ...): its example is betweenTimes's",
      "the document shows a betweenTimes call under date; date is tested with our own example"
    ),
    ("(noop)", "no result is stated; (noop) is null in our own example"),
  ]

  /// talon's own examples for functions the document gives none with a result.
  static let own: [Example] = [
    Example(#"(date 2018-01-14T19:04:05Z)"#, #""2018-01-14""#),
    Example(#"(date 2018-01-14T23:30:00Z "Europe/Berlin")"#, #""2018-01-15""#),
    Example(#"(hour 2018-01-14T19:04:05Z "America/New_York")"#, #""14""#),
    Example(#"(noop)"#, "null"),
    Example(#"(concat "Hello" " " "World")"#, #""Hello World""#),
    Example(
      #"(filter (list "Sasquatch" "Front squats" "Caramel" "Cart items") ((x) (contains "squat" (. x))))"#,
      #"["Sasquatch", "Front squats"]"#),
    Example(#"(contains (list 1 2) 2)"#, "true"),
    Example(#"(contains 2 (list 1 2) (list 2 3))"#, "true"),
    Example(
      #"(formatTime 2018-01-02T19:04:05Z "DD.MM.YYYY HH:mm" "Europe/Berlin")"#,
      #""02.01.2018 20:04""#),
    Example(
      #"(formatTime (parseTime "2018-07-01 10:30" "YYYY-MM-DD HH:mm" "Europe/Berlin") "HH:mm")"#,
      #""08:30""#),
    Example(
      #"(parseTime "2018-07-01T10:30:00+02:00" "YYYY-MM-DDTHH:mm:ss")"#, #""2018-07-01T08:30:00Z""#),
    Example(#"(daysBetween 2006-01-03T00:00:00Z 2006-01-02T00:00:00Z)"#, "-1"),
    Example(#"(addDuration 2018-01-31T00:00:00Z 1 months)"#, #""2018-02-28T00:00:00Z""#),
    Example(#"(catch 0 (/ 1 0))"#, "0"),
    Example(#"(catch (/ 1 0) 5)"#, "5"),
    Example(#"(catch (/ 1 0) (/ 1 0))"#, nil),
    Example(#"(parseTime "2018-13-01" "YYYY-MM-DD")"#, nil),
    Example(#"(hour 2018-01-14T19:04:05Z "Mars/Olympus")"#, nil),
    Example(#"(! nowhere)"#, nil),
    Example(#"(~ "a)|(b" "b")"#, nil),
    Example(#"(~ "a|ab" "ab")"#, "true"),
    Example(#"(addDuration 2018-01-31T00:00:00Z 1e30 days)"#, nil),
    Example(#"(subDuration 2018-01-31T00:00:00Z 3000 years)"#, nil),
    Example(#"(list (setTemplate "loop" (! loop)) (! loop))"#, nil),
    Example(
      #"(list (setTemplate "double(Decimal)Decimal" (* 2 (# 0))) (setTemplate "quad(Decimal)Decimal" (! double (! double (# 0)))) (! quad 3))"#,
      "[null, null, 12]"),
    Example(#"(list (setTemplate "two(Decimal, Decimal)Decimal" (# 1)) (! two 1))"#, nil),
    Example(#"(weekday 2018-01-20T12:00:00Z)"#, #""6""#),
    Example(#"(between (hour 2018-01-14T11:04:05Z) 9 14)"#, "true"),
  ]

  static var allExamples: [Example] { documented + corrected + adapted + own }

  @Test func everyExampleEvaluatesThroughARealCampaign() async throws {
    let examples = Self.allExamples
    let results = try await RuleProbe.evaluate(
      examples.map(\.text), profileAttributes: ["Age": 46])
    for (example, result) in zip(examples, results) {
      let expected = try example.expected.map { try JSONValue(parsing: $0) }
      #expect(result == expected, "\(example.text)")
    }
  }

  /// The table covers the document: about 180 examples with a stated result, each a case or
  /// listed with its reason, and every function of the library appears in a case.
  @Test func theTableCoversTheDocument() {
    let cases = Self.documented.count + Self.corrected.count + Self.adapted.count
    #expect(cases + Self.cannotHold.count >= 180)
    let texts = Self.allExamples.map(\.text).joined(separator: " ")
    let functions = Operator.allCases.filter {
      !$0.isEffect && $0 != .couponValid && $0 != .referralValid
    }
    for function in functions {
      let name = function.rawValue
      #expect(
        texts.contains("(\(name) ") || texts.contains("(\(name))"), "no example of \(name)")
    }
  }
}
