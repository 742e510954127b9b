import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// The context rules: current profile and session, carts per session.
@Suite struct ContextTests {
  @Test func cartIsSentOnlyAfterACartCommandChangedIt() async throws {
    let harness = Harness()
    await harness.ok(
      """
      use profile alice
      cart add sku=SKU-1 name=Shoe price=60 quantity=2 category=shoes
      cart add sku=SKU-2 price=5.5
      session update s1
      """)
    let first = try #require(harness.api.lastCall?.body?["customerSession"])
    #expect(
      first["cartItems"] == [
        ["sku": "SKU-1", "name": "Shoe", "price": 60, "quantity": 2, "category": "shoes"],
        ["sku": "SKU-2", "name": "SKU-2", "price": d("5.5"), "quantity": 1],
      ])
    await harness.ok("session update s1 coupons=[X]")
    #expect(harness.api.lastCall?.body?["customerSession"]?["cartItems"] == nil)
    await harness.ok("cart remove SKU-2\nsession update")
    #expect(harness.api.lastCall?.body?["customerSession"]?["cartItems"]?.arrayValue?.count == 1)
    await harness.ok("cart clear\nsession update")
    #expect(harness.api.lastCall?.body?["customerSession"]?["cartItems"] == [])
  }

  /// An answer the backend kept as it arrived (a remote one) is `$last` as it is, fields the
  /// wire models do not know included; otherwise `$last` is the typed answer's JSON.
  @Test func lastIsTheAnswerAsItArrivedWhenTheBackendKeptIt() async throws {
    let harness = Harness()
    let computed = await harness.ok("profile update p1 tier=gold")
    let typed = try #require(computed.last?.value)
    #expect(typed["futureField"] == nil)
    #expect(typed["customerProfile"]?["integrationId"] == "p1")
    var arrived = typed
    arrived = .object((typed.objectValue ?? [:]).merging(["futureField": ["x": 1]]) { $1 })
    harness.api.queueAnswerJSON(arrived)
    let remote = await harness.ok("profile update p1 tier=gold\nlet x = $last.futureField.x")
    #expect(remote.first?.value == arrived)
    #expect(remote.last?.value == 1)
  }

  @Test func cartAddMergesEqualLinesAndRemoveNamesSKUs() async throws {
    let harness = Harness()
    let results = await harness.ok(
      "cart add sku=A price=1\ncart add sku=A price=1 quantity=2\ncart")
    #expect(results.last?.value == [["sku": "A", "name": "A", "price": 1, "quantity": 3]])
    let error = await harness.failure("cart remove B")
    #expect(error?.message == "no item with SKU 'B' in the cart; SKUs in the cart: A")
  }

  @Test func useSessionStartsFromItsLastKnownCart() async throws {
    let harness = Harness()
    await harness.ok("use profile alice\ncart add sku=A price=1\nsession update s1")
    await harness.ok("use session new\ncart add sku=B price=2\nsession update")
    let newSession = try #require(await harness.interpreter.context.sessionId)
    #expect(newSession != "s1")
    await harness.ok("use session s1")
    let context = await harness.interpreter.context
    #expect(context.cart.map(\.sku) == ["A"])
    #expect(context.cartChanged == false)
    #expect(context.profileId == "alice")
  }

  @Test func sessionCommandMakesItsProfileCurrent() async throws {
    let harness = Harness()
    await harness.ok("session update s1 profile=bob\nprofile update alice")
    #expect(await harness.interpreter.context.profileId == "alice")
    // alice is current, but s1 belongs to bob: naming s1 makes bob current again.
    #expect(await harness.interpreter.context.sessionId == nil)
    await harness.ok("use session s1")
    #expect(await harness.interpreter.context.profileId == "bob")
    await harness.ok("session update s1")
    #expect(harness.api.lastCall?.body?["customerSession"]?["profileId"] == "bob")
  }

  @Test func useSessionNewIsReproducibleWithASeed() async throws {
    let first = Harness(seed: 42)
    let second = Harness(seed: 42)
    let a = await first.ok("use session new\nuse session new").map(\.value)
    let b = await second.ok("use session new\nuse session new").map(\.value)
    #expect(a == b)
    #expect(a[0] != a[1])
    #expect(a[0].stringValue?.hasPrefix("s-") == true)
    #expect(a[0].stringValue?.count == 10)
  }

  @Test func contextAndSeenIdentifiers() async throws {
    let harness = Harness()
    await harness.ok("session update s1 profile=alice coupons=[C1]\ncart add sku=A price=1")
    let context = try #require(await harness.ok("context").last?.value)
    #expect(context["profile"] == "alice")
    #expect(context["session"] == "s1")
    #expect(context["cartChanged"] == true)
    let seen = await harness.interpreter.seen
    #expect(seen.profiles == ["alice"])
    #expect(seen.sessions == ["s1"])
    #expect(seen.coupons == ["C1"])
  }

  /// A command that fails leaves the context as it was: the current profile and session, the
  /// carts, the sessions' profiles and the identifiers seen, also after many sessions.
  @Test func failedCommandLeavesTheContextAsItWas() async throws {
    let harness = Harness()
    for number in 1...3 {
      await harness.ok(
        "session update s\(number) profile=alice items=[{sku: \"A\", name: \"A\", price: 1, quantity: 1}]"
      )
    }
    await harness.ok("cart add sku=B price=2")
    let before = await harness.interpreter.context
    let seenBefore = await harness.interpreter.seen
    harness.api.queueFailure(IntegrationError(status: 500, message: "boom"))
    _ = await harness.failure(
      "session update s9 profile=bob coupons=[NEW] items=[{sku: \"C\", name: \"C\", price: 3, quantity: 1}]"
    )
    #expect(await harness.interpreter.context == before)
    #expect(await harness.interpreter.seen == seenBefore)
    // s9's cart and owner were forgotten too: s9 starts empty and takes the current profile.
    await harness.ok("use session s9")
    #expect(await harness.interpreter.context.cart.isEmpty)
    #expect(await harness.interpreter.context.profileId == "alice")
    // A later failure rolls back only its own changes.
    harness.api.queueFailure(IntegrationError(status: 500, message: "boom"))
    _ = await harness.failure("session update s3 profile=carol")
    #expect(await harness.interpreter.context.sessionId == "s9")
    #expect(await harness.interpreter.seen.sessions == ["s1", "s2", "s3", "s9"])
    #expect(await harness.interpreter.seen.profiles == ["alice"])
  }
}
