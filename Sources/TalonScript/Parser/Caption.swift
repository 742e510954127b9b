import Foundation

/// A narration caption: consecutive `#> text` lines of a script, shown to an audience before
/// the statement they precede (presenter mode, `talon run --verbose`, the HTML report).
///
/// The text is Markdown-light (`docs/language.md`, "Narration"): `# Heading` lines, `- item`
/// bullet lists, `**bold**` spans, and paragraphs of the other lines; a `#>` line with no text
/// separates paragraphs. Anything else is text as written.
public struct Caption: Sendable, Equatable {
  /// The lines without `#>` and the one space after it.
  public let lines: [String]
  /// Where the first `#>` line starts.
  public let location: ScriptLocation
  /// From the first `#` to the end of the last `#>` line.
  public let range: SourceRange

  public init(lines: [String], location: ScriptLocation, range: SourceRange) {
    self.lines = lines
    self.location = location
    self.range = range
  }

  /// The caption's text as its lines, joined.
  public var text: String { lines.joined(separator: "\n") }

  /// The caption as headings, paragraphs and bullet lists.
  public var blocks: [CaptionBlock] { CaptionBlock.parse(lines) }

  /// The caption as one line of plain text (headings, paragraphs and items joined with spaces,
  /// bold marks removed): for one-line places such as progress and summaries.
  public var plainText: String {
    blocks.map { block -> String in
      switch block {
      case .heading(_, let spans), .paragraph(let spans): CaptionSpan.plain(spans)
      case .bullets(let items): items.map { "- " + CaptionSpan.plain($0) }.joined(separator: " ")
      }
    }.joined(separator: " ")
  }
}

/// One block of a caption.
public enum CaptionBlock: Sendable, Equatable {
  /// `# text` (level 1), `## text` (level 2)...
  case heading(level: Int, [CaptionSpan])
  /// Lines of text, joined with spaces.
  case paragraph([CaptionSpan])
  /// `- item` (or `* item`) lines; an indented line after an item goes on with that item.
  case bullets([[CaptionSpan]])

  static func parse(_ lines: [String]) -> [CaptionBlock] {
    var blocks: [CaptionBlock] = []
    var paragraph: [String] = []
    var items: [String] = []
    func flush() {
      if !paragraph.isEmpty {
        blocks.append(.paragraph(CaptionSpan.parse(paragraph.joined(separator: " "))))
        paragraph = []
      }
      if !items.isEmpty {
        blocks.append(.bullets(items.map(CaptionSpan.parse)))
        items = []
      }
    }
    for line in lines {
      let trimmed = line.trimmingSpaces
      if trimmed.isEmpty {
        flush()
      } else if let (level, text) = heading(trimmed) {
        flush()
        blocks.append(.heading(level: level, CaptionSpan.parse(text)))
      } else if let item = bullet(trimmed) {
        if !paragraph.isEmpty { flush() }
        items.append(item)
      } else if !items.isEmpty, line.first == " " || line.first == "\t" {
        items[items.count - 1] += " " + trimmed
      } else {
        if !items.isEmpty { flush() }
        paragraph.append(trimmed)
      }
    }
    flush()
    return blocks
  }

  private static func heading(_ line: String) -> (Int, String)? {
    let level = line.prefix(while: { $0 == "#" }).count
    guard (1...6).contains(level) else { return nil }
    let rest = line.dropFirst(level)
    guard rest.first == " " else { return nil }
    return (level, String(rest).trimmingSpaces)
  }

  private static func bullet(_ line: String) -> String? {
    guard line.hasPrefix("- ") || line.hasPrefix("* ") else { return nil }
    return String(line.dropFirst(2)).trimmingSpaces
  }
}

/// A run of caption text, plain or bold.
public enum CaptionSpan: Sendable, Equatable {
  case text(String)
  /// `**text**`.
  case bold(String)

  /// Splits text at `**` pairs; a `**` without its closing pair stays as written.
  static func parse(_ text: String) -> [CaptionSpan] {
    var spans: [CaptionSpan] = []
    var rest = Substring(text)
    while let open = rest.range(of: "**"),
      let close = rest[open.upperBound...].range(of: "**"),
      close.lowerBound > open.upperBound
    {
      if open.lowerBound > rest.startIndex { spans.append(.text(String(rest[..<open.lowerBound]))) }
      spans.append(.bold(String(rest[open.upperBound..<close.lowerBound])))
      rest = rest[close.upperBound...]
    }
    if !rest.isEmpty { spans.append(.text(String(rest))) }
    return spans
  }

  /// The text of the spans without marks.
  public static func plain(_ spans: [CaptionSpan]) -> String {
    spans.map { span in
      switch span {
      case .text(let text), .bold(let text): text
      }
    }.joined()
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    var text = Substring(self)
    while let first = text.first, first == " " || first == "\t" || first == "\r" {
      text = text.dropFirst()
    }
    while let last = text.last, last == " " || last == "\t" || last == "\r" {
      text = text.dropLast()
    }
    return String(text)
  }
}
