import Foundation
import TalonAPI

/// Points a run gives (positive) or takes (negative); committed to the ledger on close.
struct PendingPoints: Sendable, Hashable {
  var profileId: String
  var programId: Int
  var amount: Int
  var reason: String
}

/// One evaluation of every running campaign against a session (the stored session with the
/// update applied), in campaign id order and rule index order. It decides the effects, the codes
/// accepted or rejected, the pending points and counters; it commits nothing except what rules
/// create (coupons, referrals, attribute updates), which the caller saves with the session.
struct CampaignRun {
  let store: StoreTransaction
  let pack: CampaignPack
  let runtime: EngineRuntime
  let now: Date
  var session: StoredSession
  var profile: StoredProfile?
  let eventType: String
  let eventAttributes: JSONValue
  /// The session reaches `closed` with this update (referrals are redeemed).
  let closing: Bool
  /// Rules may create coupons and referrals (false for profile updates, which have no session).
  let allowsCreation: Bool
  /// The application currency's minor units, which discounts are rounded to.
  let currencyMinorUnits: Int
  /// Which campaigns this run evaluates (today's `evaluableCampaignIds`).
  var selection = CampaignSelection.all
  /// A v2 route of today's generation: a coupon needing a reservation the profile lacks is
  /// rejected with `CouponReservationRequired` even when its file gave it the 2020 meaning
  /// (`docs/behaviour.md`, "Reservations in both generations").
  var isTodaysRoute = false
  /// Compute `ruleFailureReasons` (only when the answer will carry them: the hot path skips
  /// the work).
  var collectsFailureReasons = false

  var effects: [Effect] = []
  var discounts: [NamedAmount] = []
  var acceptedCoupons: [Coupon] = []
  var acceptedReferral: Referral?
  var couponRejection: CouponRejectionReason?
  var referralRejection: ReferralRejectionReason?
  var points: [PendingPoints] = []
  /// Counter increments to commit at close, merged by row.
  var counters: [CounterDelta] = []
  var createdCoupons: [Coupon] = []
  var createdReferrals: [Referral] = []
  var triggeredCampaignIds: [Int] = []
  var balances: [Int: Int] = [:]
  var sessionRemaining: Decimal = 0
  var itemRemaining: [Decimal] = []
  /// Why rules of the evaluated campaigns did not apply, when `collectsFailureReasons`.
  var ruleFailureReasons: [RuleFailureReason] = []
  /// Why the last applied rule's effect came to nothing, in words (a limit reached, points
  /// missing), when the effect code knows.
  var shortfall: String?

  init(
    store: StoreTransaction, pack: CampaignPack, runtime: EngineRuntime, now: Date,
    session: StoredSession, profile: StoredProfile?, eventType: String,
    eventAttributes: JSONValue = .emptyObject, closing: Bool = false, allowsCreation: Bool = true
  ) {
    self.store = store
    self.pack = pack
    self.runtime = runtime
    self.now = now
    self.session = session
    self.profile = profile
    self.eventType = eventType
    self.eventAttributes = eventAttributes
    self.closing = closing
    self.allowsCreation = allowsCreation
    currencyMinorUnits = Currency.minorUnits(of: pack.application.currency)
  }

  var profileId: String { profile?.integrationId ?? "" }

  mutating func run() throws {
    itemRemaining = session.cartItems.map { $0.price * Decimal($0.quantity) }
    let cartItemTotal = itemRemaining.reduce(Decimal(0), +)
    let additionalCostTotal = session.additionalCostTotal
    let totals = (
      total: session.explicitTotal ?? cartItemTotal + additionalCostTotal,
      cartItems: cartItemTotal, additionalCosts: additionalCostTotal
    )
    sessionRemaining = totals.total
    if let profile { balances = try store.balances(profile: profile.integrationId) }

    // Which campaign sees which coupon code: the first code of each campaign, in request order.
    var ownedCoupons: [Int: Coupon] = [:]
    var seen: Set<String> = []
    for code in session.couponCodes where seen.insert(code).inserted {
      guard let coupon = try store.coupon(code) else {
        rejectCoupon(code, couponId: 0, reason: .couponNotFound, campaignId: -1)
        continue
      }
      if ownedCoupons[coupon.campaignId] != nil {
        rejectCoupon(
          code, couponId: coupon.id, reason: .effectCouldNotBeApplied,
          campaignId: coupon.campaignId)
      } else if pack.campaign(coupon.campaignId) == nil || !selection.contains(coupon.campaignId) {
        rejectCoupon(
          code, couponId: coupon.id, reason: .couponPartOfNotRunningCampaign,
          campaignId: coupon.campaignId)
      } else {
        ownedCoupons[coupon.campaignId] = coupon
      }
    }

    var referral: Referral?
    var referralReason: ReferralRejectionReasonCode?
    if !session.referralCode.isEmpty {
      if let found = try store.referral(code: session.referralCode) {
        referral = found
        referralReason = try check(found)
        if pack.campaign(found.campaignId) == nil || !selection.contains(found.campaignId) {
          rejectReferral(
            found, reason: .referralPartOfNotRunningCampaign, campaignId: found.campaignId)
        }
      } else {
        referralRejectionEffect(
          session.referralCode, referralId: 0, reason: .referralNotFound, campaignId: -1)
      }
    }

    let roots = baseRoots(validReferral: referralReason == nil ? referral : nil, totals: totals)
    for campaign in pack.campaigns where selection.contains(campaign.id) {
      try run(
        campaign, coupon: ownedCoupons[campaign.id],
        referral: referral?.campaignId == campaign.id ? referral : nil,
        referralReason: referralReason, roots: roots)
    }
  }

  private mutating func run(
    _ campaign: CampaignDefinition, coupon: Coupon?, referral: Referral?,
    referralReason: ReferralRejectionReasonCode?, roots: [String: TalangValue]
  ) throws {
    guard selection.evaluates(campaign, at: now) else {
      if let coupon {
        rejectCoupon(
          coupon.value, couponId: coupon.id, reason: .couponPartOfNotRunningCampaign,
          campaignId: campaign.id, rulesetId: campaign.rulesetId)
      }
      if let referral {
        rejectReferral(referral, reason: .referralPartOfNotRunningCampaign, campaignId: campaign.id)
      }
      return
    }
    let couponReason = try coupon.flatMap { try check($0, in: campaign) }
    var evaluator = Evaluator(roots: roots)
    if let coupon, case .object(var members)? = roots["Session"] {
      members["CouponCode"] = .string(coupon.value)
      evaluator.roots["Session"] = .object(members)
      evaluator.roots["Coupon"] = .object([
        "Code": .string(coupon.value),
        "Attributes": coupon.attributes.map(TalangValue.init) ?? .object([:]),
      ])
    }
    evaluator.couponValid = coupon != nil && couponReason == nil
    evaluator.referralValid = referral != nil && referralReason == nil
    let limitContext = LimitContext(
      coupon: coupon?.value, referral: referral?.code, profile: profileId,
      identifiers: session.identifiers ?? [])

    var couponAccepted = false
    var couponRejected: (reason: CouponRejectionReasonCode, index: Int, title: String)?
    var referralAccepted = false
    var referralRejected: (reason: ReferralRejectionReasonCode, index: Int, title: String)?
    var triggered = false

    for (index, rule) in campaign.rules.enumerated() {
      evaluator.startRule()
      let emittedBefore = effects.count
      var holds = true
      var calls: [EffectCall] = []
      // Where the evaluation stopped: the false conjunct, or the failure at run time.
      var stop: RuleStop?
      var stage = RuleStage.binding(0)
      do {
        for (bindingIndex, binding) in rule.bindings.enumerated() {
          stage = .binding(bindingIndex)
          evaluator.locals.append((binding.name, try evaluator.evaluate(binding.expression)))
        }
        // The conjuncts of a top-level `and` one by one, as `and` itself evaluates them, so
        // a failure names its condition.
        for (conjunctIndex, conjunct) in rule.conditions.enumerated() {
          stage = .condition(conjunctIndex)
          if try !evaluator.truth(evaluator.evaluate(conjunct)) {
            holds = false
            let seen = collectsFailureReasons ? seenText(conjunct, evaluator) : nil
            stop = .conditionFalse(conjunctIndex, seen: seen)
            break
          }
        }
        if holds {
          calls.reserveCapacity(rule.effects.count)
          for (effectIndex, effect) in rule.effects.enumerated() {
            stage = .effect(effectIndex)
            calls.append(try evaluator.effectCall(effect))
          }
        }
      } catch let failure as RuleFailure {
        // A runtime failure skips this rule only, and is reported as a failure reason.
        holds = false
        calls = []
        stop = .failed(stage, failure.message)
      }
      if rule.checksCoupon, let coupon {
        if holds && !couponAccepted {
          couponAccepted = true
          triggered = true
          emit(campaign, index, rule.title, .acceptCoupon(value: coupon.value))
        } else if !holds && couponRejected == nil {
          couponRejected = (couponReason ?? .couponRejectedByCondition, index, rule.title)
        }
      }
      if rule.checksReferral, let referral {
        if holds && !referralAccepted {
          referralAccepted = true
          triggered = true
          emit(campaign, index, rule.title, .acceptReferral(value: referral.code))
          if closing {
            emit(
              campaign, index, rule.title, .redeemReferral(id: referral.id, value: referral.code))
          }
        } else if !holds && referralRejected == nil {
          referralRejected = (referralReason ?? .referralRejectedByCondition, index, rule.title)
        }
      }
      if holds {
        let before = effects.count
        shortfall = nil
        try apply(calls, campaign: campaign, ruleIndex: index, rule: rule, limits: limitContext)
        if effects.count > before { triggered = true }
        if !calls.isEmpty && effects.count == emittedBefore {
          stop = .noEffectApplied(shortfall)
        }
      }
      if collectsFailureReasons, let stop {
        ruleFailureReasons.append(
          failureReason(
            stop, campaign: campaign, ruleIndex: index, rule: rule, coupon: coupon,
            couponReason: couponReason, referral: referral, referralReason: referralReason))
      }
    }

    if let coupon {
      if couponAccepted {
        acceptedCoupons.append(coupon)
      } else {
        let rejection = couponRejected ?? (.couponValidConditionMissing, 0, "")
        rejectCoupon(
          coupon.value, couponId: coupon.id, reason: rejection.reason, campaignId: campaign.id,
          rulesetId: campaign.rulesetId, ruleIndex: rejection.index, ruleName: rejection.title)
      }
    }
    if let referral {
      if referralAccepted {
        acceptedReferral = referral
      } else {
        let rejection = referralRejected ?? (.referralValidConditionMissing, 0, "")
        rejectReferral(
          referral, reason: rejection.reason, campaignId: campaign.id,
          rulesetId: campaign.rulesetId, ruleIndex: rejection.index, ruleName: rejection.title)
      }
    }
    if triggered { triggeredCampaignIds.append(campaign.id) }
  }

  // MARK: Emitting

  mutating func emit(
    _ campaign: CampaignDefinition, _ ruleIndex: Int, _ ruleName: String, _ props: EffectProps
  ) {
    effects.append(
      Effect(
        campaignId: campaign.id, rulesetId: campaign.rulesetId, ruleIndex: ruleIndex,
        ruleName: ruleName, props: props))
  }

  mutating func rejectCoupon(
    _ code: String, couponId: Int, reason: CouponRejectionReasonCode, campaignId: Int,
    rulesetId: Int = -1, ruleIndex: Int = -1, ruleName: String = ""
  ) {
    effects.append(
      Effect(
        campaignId: campaignId, rulesetId: rulesetId, ruleIndex: ruleIndex, ruleName: ruleName,
        props: .rejectCoupon(value: code, rejectionReason: reason)))
    if couponRejection == nil {
      couponRejection = CouponRejectionReason(
        campaignId: campaignId, couponId: couponId, reason: reason)
    }
  }

  mutating func rejectReferral(
    _ referral: Referral, reason: ReferralRejectionReasonCode, campaignId: Int,
    rulesetId: Int = -1, ruleIndex: Int = -1, ruleName: String = ""
  ) {
    referralRejectionEffect(
      referral.code, referralId: referral.id, reason: reason, campaignId: campaignId,
      rulesetId: rulesetId, ruleIndex: ruleIndex, ruleName: ruleName)
  }

  mutating func referralRejectionEffect(
    _ code: String, referralId: Int, reason: ReferralRejectionReasonCode, campaignId: Int,
    rulesetId: Int = -1, ruleIndex: Int = -1, ruleName: String = ""
  ) {
    effects.append(
      Effect(
        campaignId: campaignId, rulesetId: rulesetId, ruleIndex: ruleIndex, ruleName: ruleName,
        props: .rejectReferral(value: code, rejectionReason: reason)))
    if referralRejection == nil {
      referralRejection = ReferralRejectionReason(
        campaignId: campaignId, referralId: referralId, reason: reason)
    }
  }
}
