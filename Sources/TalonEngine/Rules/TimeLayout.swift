import Foundation

/// A time layout of `parseTime`, `formatTime` and `matchTime`: `YYYY` (year), `MM` (month),
/// `DD` (day of the month), `HH` (hour, 00-23), `mm` (minute), `ss` (second); every other
/// character stands for itself. See docs/behaviour.md, "Talang functions".
struct TimeLayout: Sendable {
  enum Piece: Sendable, Equatable {
    case text(Character)
    case year, month, day, hour, minute, second

    var width: Int { self == .year ? 4 : 2 }
  }

  var pieces: [Piece] = []

  init(_ layout: String) {
    let tokens: [(String, Piece)] = [
      ("YYYY", .year), ("MM", .month), ("DD", .day), ("HH", .hour), ("mm", .minute),
      ("ss", .second),
    ]
    var rest = Substring(layout)
    next: while let first = rest.first {
      for (token, piece) in tokens where rest.hasPrefix(token) {
        pieces.append(piece)
        rest = rest.dropFirst(token.count)
        continue next
      }
      pieces.append(.text(first))
      rest = rest.dropFirst()
    }
  }

  static func calendar(_ zone: TimeZone) -> Calendar {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    return calendar
  }

  func format(_ date: Date, in zone: TimeZone) -> String {
    let parts = Self.calendar(zone).dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: date)
    var text = ""
    for piece in pieces {
      let value: Int
      switch piece {
      case .text(let character):
        text.append(character)
        continue
      case .year: value = parts.year ?? 0
      case .month: value = parts.month ?? 0
      case .day: value = parts.day ?? 0
      case .hour: value = parts.hour ?? 0
      case .minute: value = parts.minute ?? 0
      case .second: value = parts.second ?? 0
      }
      let digits = String(value)
      text += String(repeating: "0", count: max(0, piece.width - digits.count)) + digits
    }
    return text
  }

  /// The instant `text` names in this layout, in `zone` unless the text ends with `Z` or an
  /// offset such as `+02:00`. A layout without any date field takes the date of `now` (in the
  /// zone); missing fields are otherwise the first month, first day, and zero.
  func parse(_ text: String, in zone: TimeZone, now: Date) -> Date? {
    var rest = Substring(text)
    var values: [Piece: Int] = [:]
    for piece in pieces {
      if case .text(let character) = piece {
        guard rest.first == character else { return nil }
        rest = rest.dropFirst()
        continue
      }
      let digits = rest.prefix(piece.width)
      guard digits.count == piece.width, digits.allSatisfy(\.isASCII),
        let value = Int(digits)
      else { return nil }
      values[piece] = value
      rest = rest.dropFirst(piece.width)
    }
    var zone = zone
    if !rest.isEmpty {
      guard let offset = Self.offset(rest), let fixed = TimeZone(secondsFromGMT: offset) else {
        return nil
      }
      zone = fixed
    }
    let calendar = Self.calendar(zone)
    var parts = DateComponents()
    if values[.year] == nil && values[.month] == nil && values[.day] == nil {
      let today = calendar.dateComponents([.year, .month, .day], from: now)
      (parts.year, parts.month, parts.day) = (today.year, today.month, today.day)
    } else {
      parts.year = values[.year] ?? 1970
      parts.month = values[.month] ?? 1
      parts.day = values[.day] ?? 1
    }
    parts.hour = values[.hour] ?? 0
    parts.minute = values[.minute] ?? 0
    parts.second = values[.second] ?? 0
    guard let date = calendar.date(from: parts) else { return nil }
    // Out-of-range fields (month 13, 25 o'clock) would roll over: refuse them instead.
    let back = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    guard back.year == parts.year, back.month == parts.month, back.day == parts.day,
      back.hour == parts.hour, back.minute == parts.minute, back.second == parts.second
    else { return nil }
    return date
  }

  /// Seconds east of UTC of `Z`, `+hh:mm`, `-hh:mm` or `+hhmm`.
  private static func offset(_ text: Substring) -> Int? {
    if text == "Z" { return 0 }
    guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
    let digits = text.dropFirst().filter { $0 != ":" }
    guard digits.count == 4, digits.allSatisfy(\.isASCII), let hours = Int(digits.prefix(2)),
      let minutes = Int(digits.suffix(2)), hours < 24, minutes < 60
    else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
  }
}

extension TimeLayout.Piece: Hashable {}
