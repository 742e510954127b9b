import Foundation
import TalonTestSupport
import Testing

/// `session update ... dry=true` through the real binary: nothing is saved, and the summary
/// marks the effects that differ from the stored session's.
@Suite("What if (dry runs)")
struct WhatIfTests {
  @Test func aDryRunShowsWhatWouldChangeAndSavesNothing() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--seed", "3", "--output", "summary"],
      input: """
        use profile bob
        session update s1 items=[{sku: SHOE-1, name: Runner, price: 80, quantity: 1, category: shoes}]
        session update coupons=[SUMMER10] dry=true
        expect $last.customerSession.couponCodes == ["SUMMER10"]
        set output json
        session update s1
        expect $last.customerSession.couponCodes == []
        expect $last.customerSession.updateCount == 2
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)\n\(outcome.standardOutput)")
    let text = outcome.standardOutput
    #expect(text.contains("what if (dry run, nothing saved): session s1 (profile bob, open)"))
    #expect(text.contains("+ coupon    SUMMER10 accepted"), "\(text)")
    #expect(text.contains("+ discount  Coupon SUMMER10: -8.00"), "\(text)")
    // The per-item discount the stored session has too is not marked, and nothing goes.
    #expect(!text.contains("  - "), "\(text)")
    #expect(text.contains("    discount  20% off shoes on SHOE-1: -16.00"), "\(text)")
  }

  @Test func aDryRunThatChangesNothingSaysSo() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--seed", "3", "--output", "summary"],
      input: """
        session update s2 profile=amy items=[{sku: HAT-1, name: Hat, price: 20, quantity: 1}]
        session update s2 dry=true
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)")
    #expect(outcome.standardOutput.contains("(the same effects as the stored session)"))
  }

  @Test func aDryRunKeepsTheCartUnsent() async throws {
    let outcome = try await TalonBinary.run(
      ["--memory", "--seed", "3", "--output", "json"],
      input: """
        use session s3
        cart add sku=A price=10
        session update dry=true
        let now = context
        expect $now.cartChanged == true
        """)
    #expect(outcome.status == 0, "\(outcome.standardError)\n\(outcome.standardOutput)")
  }
}
