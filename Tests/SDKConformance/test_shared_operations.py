"""Today's official Python SDK (talon-one-sdk 26.2) against `talon serve`.

Covers the seven operations the 2020 generation shares with today's API. Every answer is
read by the SDK's own methods, so a field its models require that talon leaves out fails
here as a pydantic validation error; error answers must arrive as the SDK's exception types.
"""

from datetime import datetime

import pytest
from talon_one import models
from talon_one.exceptions import BadRequestException, ConflictException, NotFoundException, UnauthorizedException

EVERYTHING = ["customerSession", "customerProfile", "coupons", "triggeredCampaigns",
              "referral", "loyalty", "event"]


def session_update(api, session_id, responseContent=EVERYTHING, **session):
    body = models.IntegrationRequest(
        customer_session=models.NewCustomerSessionV2(**session),
        response_content=responseContent)
    return api.update_customer_session_v2(session_id, body)


def item(name, sku, quantity, price):
    return models.CartItem(name=name, sku=sku, quantity=quantity, price=price)


def effect_types(state):
    return [effect.effect_type for effect in state.effects]


class TestUpdateCustomerSessionV2:
    def test_open_session_with_a_coupon(self, api):
        state = session_update(api, "sdk-open", profile_id="sdk-ann", coupon_codes=["SUMMER10"],
                               cart_items=[item("Shoes", "S-1", 1, 120)])
        assert isinstance(state, models.IntegrationStateV2)
        session = state.customer_session
        assert session.integration_id == "sdk-open"
        assert session.id > 0
        assert session.update_count == 1
        assert session.state == "open"
        assert session.total == 120
        assert isinstance(session.updated, datetime)
        assert session.first_session
        assert state.customer_profile.integration_id == "sdk-ann"
        assert state.customer_profile.id > 0
        assert "acceptCoupon" in effect_types(state)
        assert "setDiscount" in effect_types(state)
        accepted = next(e for e in state.effects if e.effect_type == "acceptCoupon")
        assert models.AcceptCouponEffectProps.from_dict(accepted.props).value == "SUMMER10"
        assert accepted.campaign_id == 2
        assert {c.id for c in state.triggered_campaigns} >= {1, 2}
        assert all(c.frontend_state for c in state.triggered_campaigns)
        assert [c.value for c in state.coupons] == ["SUMMER10"]
        assert state.event.session_id == "sdk-open"
        assert state.event.id > 0

    def test_second_update_counts_and_keeps_the_id(self, api):
        first = session_update(api, "sdk-again", profile_id="sdk-ben",
                               cart_items=[item("Socks", "S-2", 2, 5)])
        second = session_update(api, "sdk-again", cart_items=[item("Socks", "S-2", 3, 5)])
        assert second.customer_session.id == first.customer_session.id
        assert second.customer_session.update_count == 2
        assert second.customer_session.updated >= first.customer_session.updated
        assert second.customer_session.total == 15

    def test_closing_books_loyalty_points(self, api):
        session_update(api, "sdk-close", profile_id="sdk-cai",
                       cart_items=[item("Coat", "C-1", 1, 80)])
        state = session_update(api, "sdk-close", state="closed")
        assert state.customer_session.state == "closed"
        added = [e for e in state.effects if e.effect_type == "addLoyaltyPoints"]
        assert added, effect_types(state)
        props = models.AddLoyaltyPointsEffectProps.from_dict(added[0].props)
        assert props.value == 80
        assert props.program_id == 1
        assert props.recipient_integration_id == "sdk-cai"
        assert len(props.transaction_uuid) == 36
        event_effects = [models.Effect.from_dict(e) for e in state.event.effects]
        assert [e.effect_type for e in event_effects] == effect_types(state)
        ledger = state.loyalty.programs["1"]
        assert isinstance(ledger, models.LoyaltyProgramLedgers)
        assert ledger.id == 1
        assert ledger.ledger.current_balance == 80
        assert ledger.ledger.pending_balance == 0
        assert ledger.ledger.spent_balance == 0
        assert ledger.ledger.expired_balance == 0
        assert ledger.ledger.tentative_current_balance == 80
        assert state.customer_profile.closed_sessions == 1
        assert state.customer_profile.total_sales == 80

    def test_rejected_coupon(self, api):
        state = session_update(api, "sdk-expired", profile_id="sdk-dan", coupon_codes=["SPRING19"],
                               cart_items=[item("Hat", "H-1", 1, 30)])
        rejected = [e for e in state.effects if e.effect_type == "rejectCoupon"]
        assert rejected
        props = models.RejectCouponEffectProps.from_dict(rejected[0].props)
        assert props.value == "SPRING19"
        assert props.rejection_reason == "CouponExpired"

    def test_reopening_a_closed_session_is_a_conflict(self, api):
        session_update(api, "sdk-closed", profile_id="sdk-eve",
                       cart_items=[item("Hat", "H-1", 1, 30)], state="closed")
        with pytest.raises(ConflictException):
            session_update(api, "sdk-closed", state="open")

    def test_wrong_key_is_unauthorised(self, unauthorised_api):
        with pytest.raises(UnauthorizedException):
            session_update(unauthorised_api, "sdk-nokey", profile_id="sdk-x")


class TestCouponReservations:
    def test_reserve_list_and_release(self, api):
        coupon = api.create_coupon_reservation(
            "VIP-ONLY", models.CouponReservations(integration_ids=["sdk-fay", "sdk-gus"]))
        assert isinstance(coupon, models.Coupon)
        assert coupon.value == "VIP-ONLY"
        assert coupon.campaign_id == 2
        assert coupon.id > 0
        customers = api.get_reserved_customers("VIP-ONLY")
        assert isinstance(customers, models.GetReservedCustomers200Response)
        assert {c.integration_id for c in customers.data} >= {"sdk-fay", "sdk-gus"}
        assert all(c.id > 0 for c in customers.data)
        assert api.delete_coupon_reservation(
            "VIP-ONLY", models.CouponReservations(integration_ids=["sdk-gus"])) is None
        after = api.get_reserved_customers("VIP-ONLY")
        assert "sdk-gus" not in {c.integration_id for c in after.data}

    def test_reserved_coupon_is_accepted_for_its_holder(self, api):
        api.create_coupon_reservation(
            "VIP-ONLY", models.CouponReservations(integration_ids=["sdk-hal"]))
        state = session_update(api, "sdk-vip", profile_id="sdk-hal", coupon_codes=["VIP-ONLY"],
                               cart_items=[item("Bag", "B-1", 1, 50)])
        assert "acceptCoupon" in effect_types(state)
        vip = next(c for c in state.coupons if c.value == "VIP-ONLY")
        assert vip.profile_redemption_count == 0

    def test_unknown_coupon_is_not_found(self, api):
        with pytest.raises(NotFoundException):
            api.create_coupon_reservation(
                "NO-SUCH", models.CouponReservations(integration_ids=["sdk-fay"]))
        with pytest.raises(NotFoundException):
            api.get_reserved_customers("NO-SUCH")
        with pytest.raises(NotFoundException):
            api.delete_coupon_reservation(
                "NO-SUCH", models.CouponReservations(integration_ids=["sdk-fay"]))


class TestReferrals:
    def test_create_and_redeem(self, api):
        referral = api.create_referral(models.NewReferral(
            campaign_id=3, advocate_profile_integration_id="sdk-ida"))
        assert isinstance(referral, models.Referral)
        assert referral.code.startswith("REF-")
        assert referral.id > 0
        assert referral.usage_counter == 0
        state = session_update(api, "sdk-friend", profile_id="sdk-jon",
                               referral_code=referral.code,
                               cart_items=[item("Lamp", "L-1", 1, 40)])
        assert "acceptReferral" in effect_types(state)
        assert state.referral.code == referral.code
        assert state.referral.referred_customers == []
        closed = session_update(api, "sdk-friend", state="closed")
        added = [e for e in closed.effects if e.effect_type == "addLoyaltyPoints"]
        assert any(e.props["recipientIntegrationId"] == "sdk-ida" for e in added)

    def test_unknown_campaign_is_a_bad_request(self, api):
        with pytest.raises(BadRequestException) as raised:
            api.create_referral(models.NewReferral(
                campaign_id=999, advocate_profile_integration_id="sdk-ida"))
        error = models.ErrorResponse.from_json(raised.value.body)
        assert error.errors[0].source.pointer == "/campaignId"


class TestCustomerInventory:
    def test_everything_about_a_customer(self, api):
        referral = api.create_referral(models.NewReferral(
            campaign_id=3, advocate_profile_integration_id="sdk-kim"))
        session_update(api, "sdk-kim-1", profile_id="sdk-kim",
                       cart_items=[item("Desk", "D-1", 1, 200)], state="closed")
        api.create_coupon_reservation(
            "VIP-ONLY", models.CouponReservations(integration_ids=["sdk-kim"]))
        inventory = api.get_customer_inventory(
            "sdk-kim", profile=True, referrals=True)
        assert isinstance(inventory, models.CustomerInventory)
        assert inventory.profile.integration_id == "sdk-kim"
        assert inventory.profile.id > 0
        assert inventory.profile.closed_sessions == 1
        assert [r.code for r in inventory.referrals] == [referral.code]
        assert inventory.referrals[0].referred_customers == []

    def test_unknown_customer_is_not_found(self, api):
        with pytest.raises(NotFoundException):
            api.get_customer_inventory("sdk-nobody", profile=True)


class TestDeleteCustomerData:
    def test_deletes_and_then_not_found(self, api):
        session_update(api, "sdk-gone", profile_id="sdk-leo",
                       cart_items=[item("Cup", "C-2", 1, 9)])
        assert api.delete_customer_data("sdk-leo") is None
        with pytest.raises(NotFoundException):
            api.delete_customer_data("sdk-leo")
