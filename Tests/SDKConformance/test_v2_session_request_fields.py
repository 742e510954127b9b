"""Today's request fields of the v2 session update, read through today's SDK (talon-one-sdk 26.2).

`ruleFailureReasons`, `awardedGiveaways` and `previousReturns` in `responseContent`, `evaluableCampaignIds`, cart items with only `sku` and `quantity`, and the
reservation reason of the v2 route: every answer is read with the SDK's own models.
"""

from talon_one import models

from test_shared_operations import session_update


class TestV2SessionRequestFields:
    def test_rule_failure_reasons_are_read_by_the_sdk_models(self, api):
        state = session_update(api, "sdk-reasons", responseContent=["ruleFailureReasons"],
                               profile_id="sdk-rita",
                               cart_items=[models.CartItem(sku="MUG-1", quantity=1, price=30)])
        reasons = state.rule_failure_reasons
        assert reasons, "a 30-euro cart leaves rules that did not apply"
        assert all(isinstance(reason, models.RuleFailureReason) for reason in reasons)
        big_basket = next(reason for reason in reasons if reason.campaign_id == 1)
        assert big_basket.campaign_name
        assert big_basket.ruleset_id > 0
        assert big_basket.rule_index == 0
        assert big_basket.rule_name
        assert big_basket.condition_index is not None
        assert "is false" in big_basket.details

    def test_a_sku_only_cart_item(self, api):
        state = session_update(api, "sdk-sku-only", responseContent=["customerSession"],
                               profile_id="sdk-sam",
                               cart_items=[models.CartItem(sku="SOCK-9", quantity=3)])
        item = state.customer_session.cart_items[0]
        assert isinstance(item, models.CartItem)
        assert item.sku == "SOCK-9"
        assert item.name == "SOCK-9"
        assert item.price == 0
        assert item.quantity == 3
        assert state.customer_session.cart_item_total == 0

    def test_giveaways_and_returns(self, api):
        # The SDK's client refuses `campaignEligibility` in responseContent; talon accepts it
        # and leaves it out (the HTTP tests send it).
        state = session_update(api, "sdk-content",
                               responseContent=["awardedGiveaways", "previousReturns"],
                               profile_id="sdk-tom")
        assert state.awarded_giveaways == []
        assert state.previous_returns == []

    def test_evaluable_campaign_ids_in_a_dry_run(self, api):
        everything = session_update(api, "sdk-all-campaigns", responseContent=[],
                                    profile_id="sdk-una",
                                    cart_items=[models.CartItem(sku="BAG-1", quantity=1, price=160)])
        assert any(effect.campaign_id == 1 for effect in everything.effects)
        body = models.IntegrationRequest(
            customer_session=models.NewCustomerSessionV2(
                profile_id="sdk-una", evaluable_campaign_ids=[2],
                cart_items=[models.CartItem(sku="BAG-1", quantity=1, price=160)]),
            response_content=["ruleFailureReasons"])
        only = api.update_customer_session_v2("sdk-one-campaign", body, dry=True)
        assert all(effect.campaign_id == 2 for effect in only.effects)
        assert all(reason.campaign_id == 2 for reason in only.rule_failure_reasons)

    def test_a_required_reservation_on_the_v2_route(self, api):
        state = session_update(api, "sdk-vip-required", responseContent=["event", "coupons"],
                               profile_id="sdk-vera", coupon_codes=["VIP-ONLY"],
                               cart_items=[models.CartItem(sku="HAT-1", quantity=1, price=40)])
        rejected = next(e for e in state.effects if e.effect_type == "rejectCoupon")
        props = models.RejectCouponEffectProps.from_dict(rejected.props)
        assert props.rejection_reason == "CouponReservationRequired"
        assert state.event.meta.coupon_rejection_reason.reason == "CouponReservationRequired"
        assert state.coupons[0].is_reservation_mandatory is True
