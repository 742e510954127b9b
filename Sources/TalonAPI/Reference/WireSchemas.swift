/// A Swift type standing for one schema of the reference document.
public protocol WireModel: Codable, Hashable, Sendable {}

/// The Swift counterpart of every schema of the reference document, by schema name.
public enum WireSchemas {
  public static let types: [String: any WireModel.Type] = [
    "AdditionalCost": AdditionalCost.self,
    "APIError": APIError.self,
    "Campaign": Campaign.self,
    "CartItem": CartItem.self,
    "CartItemAdjustment": CartItemAdjustment.self,
    "CodeGeneratorSettings": CodeGeneratorSettings.self,
    "Coupon": Coupon.self,
    "CouponRejectionReason": CouponRejectionReason.self,
    "CouponReservations": CouponReservations.self,
    "CustomerInventory": CustomerInventory.self,
    "CustomerProfile": CustomerProfile.self,
    "CustomerSession": CustomerSession.self,
    "CustomerSessionV2": CustomerSessionV2.self,
    "Effect": Effect.self,
    "ErrorResponse": ErrorResponse.self,
    "ErrorSource": ErrorSource.self,
    "Event": Event.self,
    "InlineResponse200": InlineResponse200.self,
    "InlineResponse2001": InlineResponse2001.self,
    "IntegrationRequest": IntegrationRequest.self,
    "IntegrationState": IntegrationState.self,
    "IntegrationStateV2": IntegrationStateV2.self,
    "LedgerEntry": LedgerEntry.self,
    "LimitConfig": LimitConfig.self,
    "Loyalty": Loyalty.self,
    "LoyaltyMembership": LoyaltyMembership.self,
    "LoyaltyProgramBalance": LoyaltyProgramBalance.self,
    "LoyaltyProgramLedgers": LoyaltyProgramLedgers.self,
    "Meta": Meta.self,
    "NewCustomerProfile": NewCustomerProfile.self,
    "NewCustomerSession": NewCustomerSession.self,
    "NewCustomerSessionV2": NewCustomerSessionV2.self,
    "NewEvent": NewEvent.self,
    "NewReferral": NewReferral.self,
    "Referral": Referral.self,
    "ReferralRejectionReason": ReferralRejectionReason.self,
    "RuleFailureReason": RuleFailureReason.self,
  ]
}

extension AdditionalCost: WireModel {}
extension APIError: WireModel {}
extension Campaign: WireModel {}
extension CartItem: WireModel {}
extension CartItemAdjustment: WireModel {}
extension CodeGeneratorSettings: WireModel {}
extension Coupon: WireModel {}
extension CouponRejectionReason: WireModel {}
extension CouponReservations: WireModel {}
extension CustomerInventory: WireModel {}
extension CustomerProfile: WireModel {}
extension CustomerSession: WireModel {}
extension CustomerSessionV2: WireModel {}
extension Effect: WireModel {}
extension ErrorResponse: WireModel {}
extension ErrorSource: WireModel {}
extension Event: WireModel {}
extension InlineResponse200: WireModel {}
extension InlineResponse2001: WireModel {}
extension IntegrationRequest: WireModel {}
extension IntegrationState: WireModel {}
extension IntegrationStateV2: WireModel {}
extension LedgerEntry: WireModel {}
extension LimitConfig: WireModel {}
extension Loyalty: WireModel {}
extension LoyaltyMembership: WireModel {}
extension LoyaltyProgramBalance: WireModel {}
extension LoyaltyProgramLedgers: WireModel {}
extension Meta: WireModel {}
extension NewCustomerProfile: WireModel {}
extension NewCustomerSession: WireModel {}
extension NewCustomerSessionV2: WireModel {}
extension NewEvent: WireModel {}
extension NewReferral: WireModel {}
extension Referral: WireModel {}
extension ReferralRejectionReason: WireModel {}
extension RuleFailureReason: WireModel {}
