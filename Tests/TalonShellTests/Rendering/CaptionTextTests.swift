import Testing

@testable import TalonRendering
@testable import TalonScript

/// Captions drawn for the terminal (wrapped, styled only with colour) and as HTML.
@Suite struct CaptionTextTests {
  static func caption(_ text: String) throws -> Caption {
    let program = try Interpreter.parse(text)
    return try #require(program.statements.first?.caption)
  }

  @Test func terminalTextIsWrappedToTheWidth() throws {
    let caption = try Self.caption(
      """
      #> # A first order
      #> Alice buys two pairs of shoes with the coupon **SUMMER10**, and the shop gives her a discount.
      #> - ten per cent off every item in the cart
      #> - points
      """)
    let text = CaptionText.terminal(caption, width: 40, color: false)
    #expect(
      text == """
          A first order

          Alice buys two pairs of shoes with the
          coupon SUMMER10, and the shop gives
          her a discount.

          • ten per cent off every item in the
            cart
          • points
        """)
    for line in text.split(separator: "\n") { #expect(line.count <= 40) }
  }

  @Test func colourStylesHeadingsAndBold() throws {
    let caption = try Self.caption("#> # Shop\n#> a **big** deal")
    let text = CaptionText.terminal(caption, width: 80, color: true)
    #expect(
      text == "  \u{1B}[1m\u{1B}[36mShop\u{1B}[0m\n\n  a \u{1B}[1mbig\u{1B}[0m deal")
  }

  @Test func htmlEscapesAndMarksUp() throws {
    let caption = try Self.caption("#> # Tom & <Jerry>\n#> **bold** text\n#> - one")
    #expect(
      CaptionText.html(caption)
        == #"<div class="caption"><h2>Tom &amp; &lt;Jerry&gt;</h2><p><strong>bold</strong> text</p><ul><li>one</li></ul></div>"#
        + "\n")
  }
}
