import TalonScript

/// A narration caption drawn for people: in the terminal (``terminal(_:width:color:)``:
/// headings bold, `**bold**` bold, bullets as `•`, every line wrapped to the width and indented
/// two spaces; plain text when colour is off) or as an HTML fragment (``html(_:)``, for the
/// report). Presenter mode, `talon run --verbose` and the HTML report all draw captions here.
public enum CaptionText {
  /// The caption as terminal lines no wider than `width` (a word longer than the line is kept
  /// whole), without a final line break.
  public static func terminal(_ caption: Caption, width: Int, color: Bool) -> String {
    let width = max(width, 20)
    var lines: [String] = []
    for block in caption.blocks {
      if !lines.isEmpty { lines.append("") }
      switch block {
      case .heading(let level, let spans):
        let style: [ANSIStyle] = level == 1 ? [.bold, .cyan] : [.bold]
        lines += wrap(words(spans, forceBold: true), width: width - 2, color: color, style: style)
          .map { "  " + $0 }
      case .paragraph(let spans):
        lines += wrap(words(spans), width: width - 2, color: color, style: [.bold]).map {
          "  " + $0
        }
      case .bullets(let items):
        for item in items {
          let wrapped = wrap(words(item), width: width - 4, color: color, style: [.bold])
          for (index, line) in wrapped.enumerated() {
            lines.append((index == 0 ? "  • " : "    ") + line)
          }
        }
      }
    }
    return lines.joined(separator: "\n")
  }

  /// The caption as HTML: `<h2>`/`<h3>`... for headings, `<p>`, `<ul>`, `<strong>`, in a
  /// `<div class="caption">`.
  public static func html(_ caption: Caption) -> String {
    var html = #"<div class="caption">"#
    for block in caption.blocks {
      switch block {
      case .heading(let level, let spans):
        let tag = "h\(min(level + 1, 6))"
        html += "<\(tag)>\(inlineHTML(spans))</\(tag)>"
      case .paragraph(let spans):
        html += "<p>\(inlineHTML(spans))</p>"
      case .bullets(let items):
        html += "<ul>" + items.map { "<li>\(inlineHTML($0))</li>" }.joined() + "</ul>"
      }
    }
    return html + "</div>\n"
  }

  /// The CSS of ``html(_:)``, to put in the page's `<style>`.
  public static let htmlStyle = """
    .caption { margin: 1.2em 0 .4em 0; padding: .5em .9em; border-left: 4px solid #2f6fb0;
      background: #f3f7fc; font-size: 15px; }
    .caption h2, .caption h3, .caption h4 { margin: .2em 0 .3em 0; color: #1d4f8b; }
    .caption p { margin: .3em 0; }
    .caption ul { margin: .3em 0; padding-left: 1.4em; }
    """

  private static func inlineHTML(_ spans: [CaptionSpan]) -> String {
    spans.map { span in
      switch span {
      case .text(let text): HTMLText.escape(text)
      case .bold(let text): "<strong>\(HTMLText.escape(text))</strong>"
      }
    }.joined()
  }

  /// A word and whether it is bold.
  private struct Word {
    var text: String
    var bold: Bool
    /// No space before it (it goes on the word before, as `**points**,` does).
    var joined: Bool
  }

  private static func words(_ spans: [CaptionSpan], forceBold: Bool = false) -> [Word] {
    var words: [Word] = []
    var endsInSpace = true
    for span in spans {
      let (text, bold): (String, Bool) =
        switch span {
        case .text(let text): (text, forceBold)
        case .bold(let text): (text, true)
        }
      let startsWithSpace = text.first == " " || text.first == "\t"
      for (index, piece) in text.split(whereSeparator: { $0 == " " || $0 == "\t" }).enumerated() {
        let joined = index == 0 && !startsWithSpace && !endsInSpace && !words.isEmpty
        words.append(Word(text: String(piece), bold: bold, joined: joined))
      }
      if let last = text.last { endsInSpace = last == " " || last == "\t" }
    }
    return words
  }

  /// Greedy wrapping by visible width; bold runs styled once per line.
  private static func wrap(_ words: [Word], width: Int, color: Bool, style: [ANSIStyle])
    -> [String]
  {
    var lines: [[Word]] = []
    var current: [Word] = []
    var length = 0
    var index = 0
    while index < words.count {
      // A word and the words joined to it move together.
      var group = [words[index]]
      index += 1
      while index < words.count, words[index].joined {
        group.append(words[index])
        index += 1
      }
      let groupLength = group.reduce(0) { $0 + $1.text.count }
      if !current.isEmpty, length + 1 + groupLength > width {
        lines.append(current)
        current = []
        length = 0
      }
      length += (current.isEmpty ? 0 : 1) + groupLength
      current += group
    }
    if !current.isEmpty { lines.append(current) }
    return lines.map { line in
      var text = ""
      var run = ""
      var runBold = false
      func flush() {
        guard !run.isEmpty else { return }
        if runBold && color {
          text += style.map(\.on).joined() + run + ANSIStyle.off
        } else {
          text += run
        }
        run = ""
      }
      for (position, word) in line.enumerated() {
        let separator = position == 0 || word.joined ? "" : " "
        if word.bold != runBold {
          if word.bold {
            flush()
            text += separator
            runBold = true
            run = word.text
            continue
          }
          flush()
          runBold = false
        }
        run += separator + word.text
      }
      flush()
      return text
    }
  }
}
