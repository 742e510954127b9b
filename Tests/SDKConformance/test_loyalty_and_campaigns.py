"""Today's official Python SDK against talon's loyalty read operations, the campaign listing
and today's referral and inventory fields.

The ledger answers are read by the SDK's own methods and models; the campaign listing has no
method in SDK 26.2, so it is called through the SDK's own HTTP client (its `campaignIds` go
comma-separated, as the reference's `explode: false` says) and its JSON checked here.
"""

import json

import pytest
from talon_one import models
from talon_one.exceptions import BadRequestException, NotFoundException

from test_shared_operations import item, session_update


@pytest.fixture(scope="module")
def ledger(api):
    """sdk-lee earned 150 points, then spent 100 and earned 20 in a second closed session."""
    session_update(api, "sdk-lee-1", profile_id="sdk-lee", state="closed",
                   cart_items=[item("Coat", "COAT-1", 1, 150)])
    session_update(api, "sdk-lee-2", profile_id="sdk-lee", state="closed",
                   cart_items=[item("Hat", "HAT-1", 1, 20)], attributes={"usePoints": True})
    return "sdk-lee"


class TestGetLoyaltyBalances:
    def test_balances_by_status(self, api, ledger):
        balances = api.get_loyalty_balances(1, ledger)
        assert isinstance(balances, models.LoyaltyBalancesWithTiers)
        assert balances.balance.active_points == 70
        assert balances.balance.spent_points == 100
        assert balances.balance.pending_points == 0
        assert balances.balance.expired_points == 0

    def test_end_date_before_everything(self, api, ledger):
        balances = api.get_loyalty_balances(1, ledger, end_date="2000-01-01T00:00:00Z")
        assert balances.balance.active_points == 0

    def test_unknown_program_is_not_found(self, api, ledger):
        with pytest.raises(NotFoundException):
            api.get_loyalty_balances(99, ledger)


class TestGetLoyaltyProgramProfileTransactions:
    def test_newest_first(self, api, ledger):
        page = api.get_loyalty_program_profile_transactions(1, ledger)
        assert page.has_more is False
        assert [(entry.type, entry.amount) for entry in page.data] == [
            ("subtraction", 100), ("addition", 20), ("addition", 150)]
        assert all(entry.program_id == 1 for entry in page.data)

    def test_filters_and_paging(self, api, ledger):
        page = api.get_loyalty_program_profile_transactions(
            1, ledger, customer_session_ids=["sdk-lee-1"])
        assert [entry.amount for entry in page.data] == [150]
        paged = api.get_loyalty_program_profile_transactions(1, ledger, page_size=1, skip=1)
        assert paged.has_more is True and [entry.amount for entry in paged.data] == [20]

    def test_awaits_activation_false_is_a_bad_request(self, api, ledger):
        with pytest.raises(BadRequestException):
            api.get_loyalty_program_profile_transactions(1, ledger, awaits_activation=False)


class TestGetLoyaltyProgramProfilePoints:
    def test_unspent_points(self, api, ledger):
        page = api.get_loyalty_program_profile_points(1, ledger)
        assert [entry.amount for entry in page.data] == [50, 20]
        assert api.get_loyalty_program_profile_points(1, ledger, status="expired").data == []

    def test_unknown_profile_is_not_found(self, api):
        with pytest.raises(NotFoundException):
            api.get_loyalty_program_profile_points(1, "sdk-nobody")


class TestIntegrationGetAllCampaigns:
    def get(self, api, **query):
        client = api.api_client
        params = client.param_serialize(
            "GET", "/v1/integration/campaigns", query_params=list(query.items()),
            collection_formats={"campaignIds": "csv"}, auth_settings=["api_key_v1"])
        response = client.call_api(*params)
        response.read()
        return response.status, json.loads(response.data)

    def test_running_campaigns(self, api):
        status, page = self.get(api)
        assert status == 200 and page["hasMore"] is False
        assert page["data"] and all(campaign["state"] == "enabled" for campaign in page["data"])
        assert all(campaign["rules"] for campaign in page["data"])

    def test_campaign_ids_comma_separated(self, api):
        _, page = self.get(api)
        wanted = [str(campaign["id"]) for campaign in page["data"][:2]]
        _, filtered = self.get(api, campaignIds=wanted)
        assert [str(campaign["id"]) for campaign in filtered["data"]] == wanted


class TestTodaysReferralAndInventoryFields:
    def test_usage_limit_and_attributes(self, api):
        referral = api.create_referral(models.NewReferral(
            campaign_id=3, advocate_profile_integration_id="sdk-ria", usage_limit=2,
            attributes={"channel": "email"}))
        assert referral.usage_limit == 2
        assert referral.attributes == {"channel": "email"}
        inventory = api.get_customer_inventory("sdk-ria", referrals=True)
        assert inventory.referrals[0].usage_limit == 2
        assert inventory.referrals[0].referred_customers == []

    def test_inventory_flags(self, api, ledger):
        api.create_coupon_reservation("VIP-ONLY", models.CouponReservations(integration_ids=[ledger]))
        inventory = api.get_customer_inventory(ledger, coupons=True, loyalty=True, giveaways=True,
                                               achievements=True)
        assert inventory.profile is None
        assert inventory.loyalty.programs["1"].ledger.current_balance == 70
        assert [coupon.value for coupon in inventory.coupons] == ["VIP-ONLY"]
        assert inventory.coupons[0].state == "active"
        assert inventory.giveaways == [] and inventory.achievements == []
