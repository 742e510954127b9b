"""Today's session lifecycle through today's official Python SDK: GetCustomerSession,
ReopenCustomerSession and ReturnCartItems against `talon serve`, every answer read by the SDK's
own models; errors arrive as the SDK's exception types."""

import json

import pytest
from talon_one import models
from talon_one.exceptions import BadRequestException, NotFoundException

EVERYTHING = ["customerSession", "customerProfile", "coupons", "triggeredCampaigns",
              "referral", "loyalty", "event"]


def closed_session(api, session_id, profile_id, coupons=None):
    body = models.IntegrationRequest(
        customer_session=models.NewCustomerSessionV2(
            profile_id=profile_id, coupon_codes=coupons, state="closed",
            cart_items=[models.CartItem(name="Runner", sku="SHOE-1", quantity=2, price=50,
                                        category="shoes"),
                        models.CartItem(name="Socks", sku="SOCK-1", quantity=1, price=20)]),
        response_content=EVERYTHING)
    return api.update_customer_session_v2(session_id, body)


def returning(api, session_id, items, content=("customerSession", "loyalty", "previousReturns")):
    body = models.ReturnIntegrationRequest(
        var_return=models.NewReturn(returned_cart_items=items), response_content=list(content))
    return api.return_cart_items(session_id, body)


def of_type(effects, effect_type):
    return [effect for effect in effects if effect.effect_type == effect_type]


def points(state):
    return state.loyalty.programs["1"].ledger.current_balance


class TestGetCustomerSession:
    def test_the_stored_session(self, api):
        closed = closed_session(api, "life-get", "life-ann")
        shown = api.get_customer_session("life-get")
        assert isinstance(shown, models.IntegrationCustomerSessionResponse)
        session = shown.customer_session
        assert session.integration_id == "life-get"
        assert session.id == closed.customer_session.id
        assert session.state == "closed"
        assert [item.sku for item in session.cart_items] == ["SHOE-1", "SOCK-1"]

    def test_unknown_session_is_not_found(self, api):
        with pytest.raises(NotFoundException) as raised:
            api.get_customer_session("life-nobody")
        error = json.loads(raised.value.body)
        assert error["errors"][0]["source"]["parameter"] == "customerSessionId"


class TestReopenCustomerSession:
    def test_rolls_back_the_close(self, api):
        closed_session(api, "life-reopen", "life-ben", coupons=["SUMMER10"])
        reopened = api.reopen_customer_session("life-reopen")
        assert isinstance(reopened, models.ReopenSessionResponse)
        types = [effect.effect_type for effect in reopened.effects]
        assert "rollbackCoupon" in types
        assert "rollbackDiscount" in types
        rolled = models.RollbackAddedLoyaltyPointsEffectProps.from_dict(
            of_type(reopened.effects, "rollbackAddedLoyaltyPoints")[0].props)
        assert rolled.value == 120
        assert rolled.recipient_integration_id == "life-ben"
        assert len(rolled.transaction_uuid) == 36
        coupon = models.RollbackCouponEffectProps.from_dict(
            of_type(reopened.effects, "rollbackCoupon")[0].props)
        assert coupon.value == "SUMMER10"
        assert api.get_customer_session("life-reopen").customer_session.state == "open"

    def test_an_open_session_is_a_bad_request(self, api):
        api.update_customer_session_v2("life-open", models.IntegrationRequest(
            customer_session=models.NewCustomerSessionV2(profile_id="life-cai")))
        with pytest.raises(BadRequestException):
            api.reopen_customer_session("life-open")

    def test_cancel_answers_todays_rollbacks(self, api):
        closed_session(api, "life-cancel", "life-dan")
        state = api.update_customer_session_v2("life-cancel", models.IntegrationRequest(
            customer_session=models.NewCustomerSessionV2(state="cancelled"),
            response_content=EVERYTHING))
        rolled = of_type(state.effects, "rollbackAddedLoyaltyPoints")
        assert models.RollbackAddedLoyaltyPointsEffectProps.from_dict(rolled[0].props).value == 120
        assert points(state) == 0


class TestReturnCartItems:
    def test_partial_returns_take_points_back(self, api):
        closed_session(api, "life-return", "life-eve")
        first = returning(api, "life-return", [models.ReturnedCartItem(position=0, quantity=1)])
        assert isinstance(first, models.IntegrationStateV2)
        assert first.customer_session.state == "partially_returned"
        assert first.customer_session.cart_items[0].returned_quantity == 1
        assert first.customer_session.cart_items[0].remaining_quantity == 1
        rolled = models.RollbackAddedLoyaltyPointsEffectProps.from_dict(
            of_type(first.effects, "rollbackAddedLoyaltyPoints")[0].props)
        assert rolled.value == 50
        discount = models.RollbackDiscountEffectProps.from_dict(
            of_type(first.effects, "rollbackDiscount")[0].props)
        assert discount.value == 10
        assert discount.cart_item_position == 0
        assert points(first) == 70
        assert first.var_return.returned_cart_items[0].sku == "SHOE-1"
        assert first.var_return.session_integration_id == "life-return"
        assert first.previous_returns == []

        second = returning(api, "life-return", [models.ReturnedCartItem(sku="SOCK-1")])
        assert [r.id for r in second.previous_returns] == [first.var_return.id]
        assert points(second) == 50

    def test_too_many_units_is_a_bad_request_with_the_pointer(self, api):
        closed_session(api, "life-bad", "life-fay")
        with pytest.raises(BadRequestException) as raised:
            returning(api, "life-bad", [models.ReturnedCartItem(position=0, quantity=3)])
        error = json.loads(raised.value.body)
        assert error["errors"][0]["source"]["pointer"] == "/return/returnedCartItems/0/quantity"
        with pytest.raises(BadRequestException) as raised:
            returning(api, "life-bad", [models.ReturnedCartItem(position=7)])
        error = json.loads(raised.value.body)
        assert error["errors"][0]["source"]["pointer"] == "/return/returnedCartItems/0/position"
