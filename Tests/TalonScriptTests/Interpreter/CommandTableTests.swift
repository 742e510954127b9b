import Foundation
import TalonAPI
import Testing

@testable import TalonScript

/// Every command of the issue's table sends exactly one call with the right operation and body.
@Suite struct CommandTableTests {
  @Test func profileUpdateSendsAttributesAndSelectsProfile() async throws {
    let harness = Harness()
    await harness.ok("profile update alice tier=gold visits=3 vip=true")
    let call = try #require(harness.api.calls.first)
    #expect(harness.api.calls.count == 1)
    #expect(call.operation == .updateCustomerProfileV2)
    #expect(call.path == "alice")
    let content: JSONValue = [
      "customerProfile", "triggeredCampaigns", "loyalty", "event", "ruleFailureReasons",
    ]
    #expect(
      call.body == [
        "attributes": ["tier": "gold", "visits": 3, "vip": true], "responseContent": content,
      ])
    #expect(call.query == ["runRuleEngine": true])
    #expect(call.violations.isEmpty)
    #expect(await harness.interpreter.context.profileId == "alice")
    await harness.ok("profile update {city: Berlin}")
    #expect(harness.api.lastCall?.path == "alice")
    #expect(
      harness.api.lastCall?.body == ["attributes": ["city": "Berlin"], "responseContent": content])
  }

  @Test func profileUpdateV1SendsThe2020Update() async throws {
    let harness = Harness()
    await harness.ok("profile update-v1 alice tier=gold")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .updateCustomerProfile)
    #expect(call.path == "alice")
    #expect(call.body == ["attributes": ["tier": "gold"]])
    #expect(call.query == [:])
    #expect(await harness.interpreter.context.profileId == "alice")
  }

  @Test func sessionUpdateSendsV2BodyWithDefaults() async throws {
    let harness = Harness()
    await harness.ok(
      """
      profile update alice
      session update s1 coupons=[SUMMER10] referral=REF-1 costs={shipping: 4.95} \
        attributes={channel: web} identifiers=[dev-1] state=open
      """)
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .updateCustomerSessionV2)
    #expect(call.path == "s1")
    #expect(
      call.body == [
        "customerSession": [
          "profileId": "alice", "couponCodes": ["SUMMER10"], "referralCode": "REF-1",
          "additionalCosts": ["shipping": ["price": d("4.95")]], "attributes": ["channel": "web"],
          "identifiers": ["dev-1"], "state": "open",
        ],
        "responseContent": ["customerSession", "customerProfile", "ruleFailureReasons"],
      ])
    #expect(call.violations.isEmpty)
    let context = await harness.interpreter.context
    #expect(context.sessionId == "s1")
    #expect(context.profileId == "alice")
  }

  @Test func sessionUpdateWithItemsAndContentAndProfile() async throws {
    let harness = Harness()
    await harness.ok(
      "session update s2 profile=bob items=[{sku: A, name: Apple, price: 2.5, quantity: 2}] content=[event]"
    )
    let body = try #require(harness.api.lastCall?.body)
    #expect(body["customerSession"]?["profileId"] == "bob")
    #expect(
      body["customerSession"]?["cartItems"] == [
        ["sku": "A", "name": "Apple", "price": d("2.5"), "quantity": 2]
      ])
    // ruleFailureReasons is always asked for (runtime rule failures become warnings).
    #expect(body["responseContent"] == ["event", "ruleFailureReasons"])
    #expect(await harness.interpreter.context.profileId == "bob")
  }

  @Test func sessionUpdateV1SendsV1Body() async throws {
    let harness = Harness()
    await harness.ok(
      "use profile carol\nsession update-v1 s9 coupon=WELCOME total=42.50 referral=R1")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .updateCustomerSession)
    #expect(call.path == "s9")
    #expect(
      call.body == [
        "profileId": "carol", "coupon": "WELCOME", "total": d("42.5"), "referral": "R1",
      ])
    #expect(call.violations.isEmpty)
  }

  @Test func sessionCloseAndCancelSendOnlyTheState() async throws {
    let harness = Harness()
    await harness.ok("profile update alice\ncart add sku=A price=10\nsession update s1")
    await harness.ok("cart add sku=B price=1\nsession close")
    let close = try #require(harness.api.lastCall)
    #expect(close.operation == .updateCustomerSessionV2)
    #expect(close.path == "s1")
    #expect(close.body?["customerSession"] == ["state": "closed"])
    await harness.ok("session cancel s1")
    #expect(harness.api.lastCall?.body?["customerSession"] == ["state": "cancelled"])
    #expect(harness.api.calls.count == 4)
  }

  @Test func eventTrackSendsTodaysEventOfTheCurrentProfile() async throws {
    let harness = Harness()
    await harness.ok("use profile alice\nevent track viewed_page page=home count=2")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .trackEventV2)
    #expect(
      call.body == [
        "type": "viewed_page", "profileId": "alice", "attributes": ["page": "home", "count": 2],
        "responseContent": [
          "customerProfile", "triggeredCampaigns", "loyalty", "event", "ruleFailureReasons",
        ],
      ])
    #expect(call.arguments.query == ["silent": .string("no")])
    #expect(call.violations.isEmpty)
    let noProfile = await Harness().failure("event track viewed_page")
    #expect(noProfile?.message.contains("event track needs a profile") == true)
  }

  @Test func eventTrackV1UsesCurrentSessionAndProfile() async throws {
    let harness = Harness()
    await harness.ok(
      "session update s1 profile=alice\nevent track-v1 viewed_page page=home count=2")
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .trackEvent)
    #expect(
      call.body == [
        "type": "viewed_page", "sessionId": "s1", "profileId": "alice",
        "attributes": ["page": "home", "count": 2],
      ])
    #expect(call.violations.isEmpty)
  }

  @Test func couponCommands() async throws {
    let harness = Harness()
    await harness.ok("use profile alice\ncoupon reserve FAV10")
    #expect(harness.api.lastCall?.operation == .createCouponReservation)
    #expect(harness.api.lastCall?.path == "FAV10")
    #expect(harness.api.lastCall?.body == ["integrationIDs": ["alice"]])
    await harness.ok("coupon reserve FAV10 bob carol")
    #expect(harness.api.lastCall?.body == ["integrationIDs": ["bob", "carol"]])
    let unreserve = await harness.ok("coupon unreserve FAV10 bob")
    #expect(harness.api.lastCall?.operation == .deleteCouponReservation)
    #expect(harness.api.lastCall?.body == ["integrationIDs": ["bob"]])
    #expect(unreserve.last?.value == .null)
    await harness.ok("coupon holders FAV10")
    #expect(harness.api.lastCall?.operation == .getReservedCustomers)
    #expect(harness.api.lastCall?.path == "FAV10")
    await harness.ok("coupon reserved")
    #expect(harness.api.lastCall?.operation == .getReservedCoupons)
    #expect(harness.api.lastCall?.path == "alice")
    await harness.ok("coupon reserved bob")
    #expect(harness.api.lastCall?.path == "bob")
    #expect(harness.api.calls.count == 6)
    #expect(await harness.interpreter.seen.coupons == ["FAV10"])
  }

  @Test func referralCreate() async throws {
    let harness = Harness()
    await harness.ok(
      "use profile alice\nreferral create 3 friend=bob start=2020-05-01T10:00:00Z expiry=2020-12-31"
    )
    let call = try #require(harness.api.lastCall)
    #expect(call.operation == .createReferral)
    #expect(
      call.body == [
        "campaignId": 3, "advocateProfileIntegrationId": "alice",
        "friendProfileIntegrationId": "bob",
        "startDate": "2020-05-01T10:00:00Z", "expiryDate": "2020-12-31T00:00:00Z",
      ])
    #expect(call.violations.isEmpty)
    await harness.ok("referral create 4 advocate=dave")
    #expect(
      harness.api.lastCall?.body == ["campaignId": 4, "advocateProfileIntegrationId": "dave"])
    #expect(await harness.interpreter.seen.referrals == ["REF-ABCD"])
  }

  @Test func profileInventoryAndDeleteData() async throws {
    let harness = Harness()
    await harness.ok("profile inventory alice profile=true referrals=false")
    #expect(harness.api.lastCall?.operation == .getCustomerInventory)
    #expect(harness.api.lastCall?.path == "alice")
    #expect(harness.api.lastCall?.query == ["profile": true, "referrals": false])
    await harness.ok("profile inventory")
    #expect(harness.api.lastCall?.query == [:])
    let deleted = await harness.ok("profile delete-data alice")
    #expect(harness.api.lastCall?.operation == .deleteCustomerData)
    #expect(harness.api.lastCall?.path == "alice")
    #expect(deleted.last?.value == .null)
    if case .api(let record) = deleted.last?.kind {
      #expect(record.status == 204)
    } else {
      Issue.record("expected an API result")
    }
  }

  @Test func rawOperationsBySDKName() async throws {
    let harness = Harness()
    await harness.ok("UpdateCustomerSessionV2 s1 {customerSession: {profileId: \"alice\"}}")
    #expect(harness.api.lastCall?.operation == .updateCustomerSessionV2)
    #expect(harness.api.lastCall?.body == ["customerSession": ["profileId": "alice"]])
    #expect(await harness.interpreter.context.sessionId == "s1")
    #expect(await harness.interpreter.context.profileId == "alice")
    await harness.ok("getcustomerinventory alice profile=true")
    #expect(harness.api.lastCall?.operation == .getCustomerInventory)
    #expect(harness.api.lastCall?.query == ["profile": true])
    await harness.ok("TrackEvent {type: t, sessionId: s1, attributes: {}}")
    #expect(harness.api.lastCall?.operation == .trackEvent)
    await harness.ok("UpdateCustomerProfile bob {attributes: {a: 1}}")
    #expect(await harness.interpreter.context.profileId == "bob")
    await harness.ok("UpdateCustomerSession s3 {profileId: bob, total: 3}")
    await harness.ok("CreateCouponReservation C1 {integrationIDs: [bob]}")
    await harness.ok("DeleteCouponReservation C1 {integrationIDs: [bob]}")
    await harness.ok("GetReservedCoupons bob")
    await harness.ok("GetReservedCustomers C1")
    await harness.ok("CreateReferral {campaignId: 1, advocateProfileIntegrationId: bob}")
    await harness.ok("DeleteCustomerData bob")
    await harness.ok("GetLoyaltyBalances 1 bob")
    await harness.ok("GetLoyaltyProgramProfileTransactions 1 bob")
    await harness.ok("GetLoyaltyProgramProfilePoints 1 bob status=active")
    await harness.ok("IntegrationGetAllCampaigns")
    await harness.ok("UpdateCustomerProfileV2 cy {attributes: {a: 1}} runRuleEngine=true")
    #expect(harness.api.lastCall?.query == ["runRuleEngine": true])
    #expect(await harness.interpreter.context.profileId == "cy")
    let silent = await harness.ok(
      "UpdateCustomerProfilesV2 {customerProfiles: [{integrationId: d}]}")
    #expect(silent.last?.value == .null)
    let loud = await harness.ok(
      "UpdateCustomerProfilesV2 {customerProfiles: [{integrationId: d}]} silent=no")
    let states = loud.last?.value["integrationStates"]?.arrayValue
    #expect(states?.first?["customerProfile"]?["integrationId"] == "d")
    #expect(harness.api.lastCall?.arguments.query["silent"] == .string("no"))
    await harness.ok("TrackEventV2 {type: t, profileId: cy}")
    await harness.ok(
      "CreateReferralsForMultipleAdvocates {campaignId: 1, advocateProfileIntegrationIds: [cy], usageLimit: 1}"
    )
    await harness.ok("GetCustomerSession s3")
    await harness.ok("ReopenCustomerSession s3")
    await harness.ok("ReturnCartItems s3 {return: {returnedCartItems: [{position: 0}]}} dry=true")
    #expect(harness.api.lastCall?.query == ["dry": true])
    #expect(Set(harness.api.calls.map(\.operation)) == Set(IntegrationOperation.allCases))
    #expect(harness.api.calls.allSatisfy { $0.violations.isEmpty })
    let error = await harness.failure("UpdateCustomerSessionV2 s1 {customerSession: {state: 5}}")
    #expect(error?.kind == .runtime)
    #expect(error?.message.contains("/customerSession/state") == true)
  }

  @Test func commandsWithoutContextFailClearly() async throws {
    let harness = Harness()
    let session = await harness.failure("session update")
    #expect(
      session?.message
        == "session update needs a session: give an id, or run 'session update ID' or 'use session new' first"
    )
    #expect(session?.exitCode == 3)
    let event = await harness.failure("event track-v1 x")
    #expect(event?.message.hasPrefix("event track-v1 needs a session") == true)
    let reserve = await harness.failure("coupon reserve C1")
    #expect(reserve?.message.hasPrefix("coupon reserve needs a profile") == true)
    let referral = await harness.failure("referral create 1")
    #expect(referral?.message.hasPrefix("referral create needs a profile") == true)
    let profile = await harness.failure("profile update tier=gold")
    #expect(profile?.message.hasPrefix("profile update needs a profile") == true)
    #expect(harness.api.calls.isEmpty)
  }

  @Test func apiFailuresCarryStatusAndPointer() async throws {
    let harness = Harness()
    harness.api.queueFailure(
      .badRequest(
        "state must be one of the following: \"open\", \"closed\", \"cancelled\"", title: "enum",
        pointer: "/customerSession/state"))
    let error = try #require(await harness.failure("session update s1 state=done"))
    #expect(error.kind == .api)
    #expect(error.exitCode == 3)
    #expect(error.integrationError?.status == 400)
    #expect(error.location == ScriptLocation(file: "<input>", line: 1, column: 1))
    #expect(error.message.contains("400"))
    #expect(error.message.contains("(at /customerSession/state)"))
  }
}
