"""Today's profile, event and bulk referral operations through today's Python SDK.

updateCustomerProfileV2, updateCustomerProfilesV2, trackEventV2 and
createReferralsForMultipleAdvocates: every answer is read by the SDK's own models; a silent
call (the default) answers 204, which the SDK returns as None.
"""

import pytest
from talon_one import models
from talon_one.exceptions import BadRequestException, UnauthorizedException

CONTENT = ["customerProfile", "triggeredCampaigns", "loyalty", "event", "awardedGiveaways"]


def effect_types(answer):
    return [effect.effect_type for effect in answer.effects]


class TestUpdateCustomerProfileV2:
    def test_rules_run_with_todays_built_in_events(self, api):
        body = models.CustomerProfileIntegrationRequestV2(
            attributes={"tier": "gold"}, response_content=CONTENT)
        created = api.update_customer_profile_v2("sdk-pia", body, run_rule_engine=True)
        assert isinstance(created, models.CustomerProfileIntegrationResponseV2)
        assert created.event.type == "customer_profile_created"
        assert created.event.id > 0
        assert created.customer_profile.integration_id == "sdk-pia"
        assert created.customer_profile.id > 0
        assert created.customer_profile.attributes == {"tier": "gold"}
        assert created.loyalty.programs["1"].ledger.current_balance == 0
        assert created.awarded_giveaways == []
        assert created.created_coupons == [] and created.created_referrals == []
        updated = api.update_customer_profile_v2(
            "sdk-pia", models.CustomerProfileIntegrationRequestV2(
                attributes={"city": "Rome"}, response_content=CONTENT), run_rule_engine=True)
        assert updated.event.type == "customer_profile_updated"
        assert updated.customer_profile.id == created.customer_profile.id
        assert updated.customer_profile.attributes == {"tier": "gold", "city": "Rome"}

    def test_without_the_rule_engine_nothing_runs(self, api):
        answer = api.update_customer_profile_v2(
            "sdk-quy", models.CustomerProfileIntegrationRequestV2(
                attributes={"a": 1}, audiences_changes=models.ProfileAudiencesChanges(
                    adds=[1], deletes=[])))
        assert answer.effects == [] and answer.event is None and answer.customer_profile is None
        with pytest.raises(BadRequestException):
            api.update_customer_profile_v2(
                "sdk-quy", models.CustomerProfileIntegrationRequestV2(
                    response_content=["customerProfile"]))

    def test_dry_run_keeps_nothing(self, api):
        answer = api.update_customer_profile_v2(
            "sdk-ghost", models.CustomerProfileIntegrationRequestV2(
                attributes={"a": 1}, response_content=CONTENT, evaluable_campaign_ids=[7]),
            run_rule_engine=True, dry=True)
        assert answer.event.type == "customer_profile_created"
        again = api.update_customer_profile_v2(
            "sdk-ghost", models.CustomerProfileIntegrationRequestV2(response_content=CONTENT),
            run_rule_engine=True)
        assert again.event.type == "customer_profile_created"
        assert again.customer_profile.attributes == {}

    def test_wrong_key_is_unauthorised(self, unauthorised_api):
        with pytest.raises(UnauthorizedException):
            unauthorised_api.update_customer_profile_v2(
                "sdk-x", models.CustomerProfileIntegrationRequestV2())


class TestUpdateCustomerProfilesV2:
    def test_silent_by_default_and_every_profile_with_silent_no(self, api):
        body = models.MultipleCustomerProfileIntegrationRequest(customer_profiles=[
            models.MultipleCustomerProfileIntegrationRequestItem(
                integration_id="sdk-rae", attributes={"tier": "silver"}),
            models.MultipleCustomerProfileIntegrationRequestItem(integration_id="sdk-sol"),
        ])
        assert api.update_customer_profiles_v2(body) is None
        answer = api.update_customer_profiles_v2(body, silent="no")
        assert isinstance(answer, models.MultipleCustomerProfileIntegrationResponseV2)
        profiles = [state.customer_profile for state in answer.integration_states]
        assert [p.integration_id for p in profiles] == ["sdk-rae", "sdk-sol"]
        assert profiles[0].attributes == {"tier": "silver"}
        assert all(p.id > 0 for p in profiles)

    def test_an_empty_integration_id_is_a_bad_request(self, api):
        body = models.MultipleCustomerProfileIntegrationRequest(customer_profiles=[
            models.MultipleCustomerProfileIntegrationRequestItem(integration_id="")])
        with pytest.raises(BadRequestException):
            api.update_customer_profiles_v2(body, silent="no")


class TestTrackEventV2:
    def test_an_event_of_a_profile_answers_its_effects(self, api):
        body = models.IntegrationEventV2Request(
            type="newsletter_signup", profile_id="sdk-tia", attributes={"name": "Tia"},
            response_content=CONTENT)
        answer = api.track_event_v2(body, silent="no")
        assert isinstance(answer, models.TrackEventV2Response)
        assert "showNotification" in effect_types(answer)
        assert "couponCreated" in effect_types(answer)
        notification = next(e for e in answer.effects if e.effect_type == "showNotification")
        props = models.ShowNotificationEffectProps.from_dict(notification.props)
        assert props.body == "Thanks for subscribing, Tia."
        assert answer.event.type == "newsletter_signup"
        assert answer.event.profile_id == "sdk-tia"
        assert answer.event.session_id is None
        assert [models.Effect.from_dict(e).effect_type for e in answer.event.effects] == \
            effect_types(answer)
        assert len(answer.created_coupons) == 1
        assert answer.created_coupons[0].recipient_integration_id == "sdk-tia"
        assert answer.customer_profile.attributes["newsletter"] is True
        assert [c.id for c in answer.triggered_campaigns] == [7]

    def test_silent_by_default_and_dry(self, api):
        body = models.IntegrationEventV2Request(type="viewed_page", profile_id="sdk-uma")
        assert api.track_event_v2(body) is None
        dry = api.track_event_v2(
            models.IntegrationEventV2Request(
                type="newsletter_signup", profile_id="sdk-uma", evaluable_campaign_ids=[1]),
            silent="no", dry=True)
        assert dry.effects == []

    def test_a_built_in_type_or_no_profile_is_a_bad_request(self, api):
        with pytest.raises(BadRequestException):
            api.track_event_v2(models.IntegrationEventV2Request(
                type="talon_session_created", profile_id="sdk-uma"), silent="no")
        with pytest.raises(BadRequestException):
            api.track_event_v2(models.IntegrationEventV2Request(type="viewed"), silent="no")


class TestCreateReferralsForMultipleAdvocates:
    def test_one_code_per_advocate(self, api):
        body = models.NewReferralsForMultipleAdvocates(
            campaign_id=3, advocate_profile_integration_ids=["sdk-vic", "sdk-wes"], usage_limit=2,
            attributes={"channel": "web"}, referral_pattern="SDK-####")
        answer = api.create_referrals_for_multiple_advocates(body, silent="no")
        assert isinstance(answer, models.CreateReferralsForMultipleAdvocates201Response)
        assert answer.total_result_size == 2
        assert [r.advocate_profile_integration_id for r in answer.data] == ["sdk-vic", "sdk-wes"]
        assert all(r.code.startswith("SDK-") and len(r.code) == 8 for r in answer.data)
        assert all(r.usage_limit == 2 and r.id > 0 for r in answer.data)
        assert answer.data[0].attributes == {"channel": "web"}
        assert api.create_referrals_for_multiple_advocates(body) is None

    def test_a_campaign_without_referrals_is_a_bad_request(self, api):
        with pytest.raises(BadRequestException):
            api.create_referrals_for_multiple_advocates(models.NewReferralsForMultipleAdvocates(
                campaign_id=1, advocate_profile_integration_ids=["sdk-vic"], usage_limit=1))
