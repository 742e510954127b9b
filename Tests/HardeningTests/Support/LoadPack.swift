import Foundation
import TalonEngine

/// The campaign pack of the load tests, built here from JSON: one coupon campaign whose only
/// code, `LOAD25`, may be redeemed 25 times in all; a valid code gives 5 off.
enum LoadPack {
  static let couponCode = "LOAD25"
  static let usageLimit = 25

  static let json = """
    {
      "application": {"id": 1, "name": "Load shop", "currency": "EUR"},
      "campaigns": [
        {
          "id": 1, "name": "Limited coupon", "features": ["coupons"],
          "ruleset": {"rules": [
            {"title": "5 off with the coupon", "condition": ["couponValid"],
             "effects": [["setDiscount", "5 off", 5]]}
          ]},
          "coupons": [{"value": "\(couponCode)", "usageLimit": \(usageLimit)}]
        }
      ]
    }
    """

  static func pack() throws -> CampaignPack {
    try CampaignPack.parse(Data(json.utf8), source: "load-pack.json")
  }
}
