import Foundation
import Testing

@testable import TalonAPI

@Suite("SchemaValidator")
struct SchemaValidatorTests {
  let validator = SchemaValidator()

  @Test func acceptsAGoodRequest() throws {
    let body = try JSONValue(
      parsing: """
        {"customerSession": {"profileId": "alice", "state": "open", "couponCodes": ["SUMMER10"],
         "cartItems": [{"name": "Tee", "sku": "T-1", "quantity": 2, "price": 19.99}],
         "additionalCosts": {"shipping": {"price": 4.9}}, "attributes": {"x": 1}},
         "responseContent": ["customerSession", "customerProfile"], "somethingNewer": true}
        """)
    #expect(validator.validate(body, against: "IntegrationRequest").isEmpty)
  }

  @Test func reportsEachKindWithItsPointer() throws {
    let body = try JSONValue(
      parsing: """
        {"customerSession": {"state": "done", "profileId": 7,
         "cartItems": [{"name": "", "sku": "T-1", "price": "cheap"}],
         "additionalCosts": {"shipping": {"price": true}}},
         "responseContent": ["everything"]}
        """)
    let found = validator.validate(body, against: "IntegrationRequest")
    #expect(
      found == [
        SchemaViolation(
          pointer: "/customerSession/additionalCosts/shipping/price", title: "type",
          details: "/customerSession/additionalCosts/shipping/price must be a number, not boolean"),
        SchemaViolation(
          pointer: "/customerSession/cartItems/0/quantity", title: "required",
          details: "quantity is required"),
        SchemaViolation(
          pointer: "/customerSession/cartItems/0/name", title: "minLength",
          details: "/customerSession/cartItems/0/name must be at least 1 character long"),
        SchemaViolation(
          pointer: "/customerSession/cartItems/0/price", title: "type",
          details: "/customerSession/cartItems/0/price must be a number, not string"),
        SchemaViolation(
          pointer: "/customerSession/profileId", title: "type",
          details: "/customerSession/profileId must be a string, not number"),
        SchemaViolation(
          pointer: "/customerSession/state", title: "enum",
          details: #"state must be one of the following: "open", "closed", "cancelled""#),
        SchemaViolation(
          pointer: "/responseContent/0", title: "enum",
          details:
            #"responseContent must be one of the following: "customerSession", "customerProfile", "coupons", "triggeredCampaigns", "referral", "loyalty", "event", "awardedGiveaways", "ruleFailureReasons", "previousReturns", "campaignEligibility""#
        ),
      ])
  }

  @Test func missingBodyMembersAndWrongRootType() {
    #expect(
      validator.validate([:], against: "NewEvent").map(\.pointer) == [
        "/type", "/attributes", "/sessionId",
      ])
    #expect(validator.validate([1], against: "NewEvent").map(\.title) == ["type"])
    #expect(
      validator.validate(
        ["type": "x", "attributes": [:], "sessionId": "s", "profileId": nil], against: "NewEvent"
      ).isEmpty)
  }

  @Test func integersAndDatesAreChecked() {
    let referral: JSONValue = [
      "campaignId": .number(Decimal(string: "1.5")!), "advocateProfileIntegrationId": "a",
      "expiryDate": "tomorrow",
    ]
    #expect(
      validator.validate(referral, against: "NewReferral").map(\.pointer) == [
        "/campaignId", "/expiryDate",
      ])
  }

  @Test func pointersEscapeSlashAndTilde() {
    let costs: JSONValue = ["customerSession": ["additionalCosts": ["a/b~c": ["price": "x"]]]]
    #expect(
      validator.validate(costs, against: "IntegrationRequest").first?.pointer
        == "/customerSession/additionalCosts/a~1b~0c/price")
  }
}
