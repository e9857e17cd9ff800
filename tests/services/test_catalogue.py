"""The 28 services of SERVICES.md, declared as data, and the start-up check of their rule names."""

from __future__ import annotations

import pytest

from kiosk.services import catalogue
from kiosk.services.catalogue import SERVICES, check_catalogue
from kiosk.services.spec import CATEGORY_TITLES

# The ids of SERVICES.md, rows 1 to 28, in order.
SERVICES_MD_IDS = (
    "flex_contribution_change", "flex_suspend", "insurance_certificate", "remote_medical_register",
    "remote_medical_cancel", "resident_medical_withdrawal", "unemployment_refund",
    "unemployment_transfer_letter", "hf_loan_query", "hf_remote_loan_certificate",
    "commercial_amortization_stop", "commercial_biannual_stop", "hf_interest_subsidy",
    "retirement_hf_withdrawal", "gov_biannual_withdrawal", "paper_statement_optout", "hf_transfer_in",
    "si_transfer_voucher_reprint", "hf_transfer_out_local", "sealed_hf_withdrawal", "temp_account_upgrade",
    "gov_sms_alerts", "gov_medical_transfer_out", "gov_hf_transfer_in", "gov_hf_transfer_out",
    "gov_sealed_hf_withdrawal", "mobile_medical_app", "password_reset",
)
SIX_CATEGORIES = {"social_insurance", "medical", "unemployment", "housing_fund", "loan", "institution"}


def test_28_services_with_the_ids_and_numbers_of_services_md() -> None:
    assert len(SERVICES) == 28
    assert tuple(s.id for s in SERVICES) == SERVICES_MD_IDS
    assert [s.number for s in SERVICES] == list(range(1, 29))


def test_every_category_is_one_of_the_six() -> None:
    assert set(CATEGORY_TITLES) == SIX_CATEGORIES
    assert {s.category for s in SERVICES} <= SIX_CATEGORIES


def test_built_services_end_in_a_review_and_submit() -> None:
    built = [s.id for s in catalogue.built()]
    assert {"flex_contribution_change", "insurance_certificate", "remote_medical_register",
            "mobile_medical_app", "password_reset"} <= set(built)
    for spec in catalogue.built():
        if spec.query:  # a query ends on its last view and submits nothing
            assert spec.steps[-1].kind == "view" and not spec.submit
        else:
            assert spec.submit and spec.steps and spec.steps[-1].kind == "review"


def test_titles_follow_the_guide_for_the_built_services() -> None:
    assert catalogue.get("flex_contribution_change").title == "灵活就业人员办理缴费套餐或档次变更"
    assert catalogue.get("insurance_certificate").title == "参保人员参保证明和参保明细出具"
    assert catalogue.get("remote_medical_register").title == "异地就医登记备案（个人申请）"


def test_outputs_and_completion_of_the_built_services() -> None:
    assert catalogue.get("flex_contribution_change").outputs == ("receipt",)
    assert catalogue.get("insurance_certificate").outputs == ("report",)
    assert catalogue.get("remote_medical_register").outputs == ("sms",)
    for spec in catalogue.built():  # instant, or pending with the guide's working days
        assert spec.completion == "instant" or (spec.completion == "pending" and spec.working_days), spec.id


def test_pending_services_carry_their_working_days() -> None:
    days = {s.id: s.working_days for s in SERVICES if s.completion == "pending"}
    assert days == {"hf_transfer_in": 3, "hf_transfer_out_local": 5, "sealed_hf_withdrawal": 5,
                    "temp_account_upgrade": 3, "gov_hf_transfer_in": 11, "gov_hf_transfer_out": 5,
                    "gov_sealed_hf_withdrawal": 5}


def test_password_reset_cannot_be_reached_with_the_password() -> None:
    assert catalogue.get("password_reset").login_methods == ("id_card_face",)
    others = [s for s in SERVICES if s.id != "password_reset"]
    assert all(s.login_methods == ("id_card_face", "citizen_card_password") for s in others)


def test_get_unknown_service() -> None:
    with pytest.raises(LookupError, match="未知业务编号"):
        catalogue.get("flex_contribution_chang")


def test_the_real_catalogue_passes_its_check() -> None:
    check_catalogue()


def _with(monkeypatch: pytest.MonkeyPatch, service_id: str, **update) -> None:
    """Replaces one spec of the catalogue by a copy with `update` applied."""
    services = tuple(s.model_copy(update=update) if s.id == service_id else s for s in SERVICES)
    monkeypatch.setattr(catalogue, "SERVICES", services)


def _replace_step(spec_id: str, has, **update):
    """The spec's steps with `update` applied to the steps for which `has(step)` is true."""
    spec = catalogue.get(spec_id)
    assert any(has(s) for s in spec.steps)
    return tuple(s.model_copy(update=update) if has(s) else s for s in spec.steps)


def _replace_field(spec_id: str, field_key: str, **update):
    spec = catalogue.get(spec_id)
    steps = []
    for step in spec.steps:
        fields = tuple(f.model_copy(update=update) if f.key == field_key else f for f in step.fields)
        steps.append(step.model_copy(update={"fields": fields}))
    return tuple(steps)


@pytest.mark.parametrize(("service_id", "update", "misspelled"), [
    ("flex_contribution_change", {"eligibility": "flexible_normall"}, "flexible_normall"),
    ("flex_contribution_change", {"preview": "flex_chnage"}, "flex_chnage"),
    ("insurance_certificate", {"submit": "insurance_certficate"}, "insurance_certficate"),
])
def test_misspelled_spec_level_name_raises_lookup_error(monkeypatch: pytest.MonkeyPatch, service_id: str,
                                                       update: dict, misspelled: str) -> None:
    _with(monkeypatch, service_id, **update)
    with pytest.raises(LookupError, match=misspelled):
        check_catalogue()


def test_misspelled_step_check_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = _replace_step("remote_medical_register", lambda s: "remote_dates" in s.checks,
                          checks=("remote_date",))
    _with(monkeypatch, "remote_medical_register", steps=steps)
    with pytest.raises(LookupError, match="remote_date"):
        check_catalogue()


def test_misspelled_details_provider_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = _replace_step("insurance_certificate", lambda s: s.details == "person_insurances",
                          details="person_insurance")
    _with(monkeypatch, "insurance_certificate", steps=steps)
    with pytest.raises(LookupError, match="person_insurance"):
        check_catalogue()


@pytest.mark.parametrize(("field_key", "update", "misspelled"), [
    ("address", {"rules": ("full_adress",)}, "full_adress"),
    ("place", {"options_from": "suzhou_place"}, "suzhou_place"),
    ("contact_mobile", {"prefill": "person_mobil"}, "person_mobil"),
])
def test_misspelled_field_level_name_raises(monkeypatch: pytest.MonkeyPatch, field_key: str, update: dict,
                                            misspelled: str) -> None:
    _with(monkeypatch, "remote_medical_register", steps=_replace_field("remote_medical_register", field_key, **update))
    with pytest.raises(LookupError, match=misspelled):
        check_catalogue()


def test_built_service_without_a_final_review_step_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = catalogue.get("insurance_certificate")
    _with(monkeypatch, "insurance_certificate", steps=spec.steps[:-1])
    with pytest.raises(LookupError, match="review"):
        check_catalogue()


def test_condition_on_a_field_not_yet_asked_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = catalogue.get("flex_contribution_change")
    # the step shown only for a package change moved before the step that asks change_type
    asks = next(i for i, s in enumerate(spec.steps) if any(f.key == "change_type" for f in s.fields))
    shown_when = next(i for i, s in enumerate(spec.steps) if s.when and s.when.field == "change_type")
    steps = list(spec.steps)
    steps[asks], steps[shown_when] = steps[shown_when], steps[asks]
    steps = tuple(steps)
    _with(monkeypatch, "flex_contribution_change", steps=steps)
    with pytest.raises(LookupError, match="change_type"):
        check_catalogue()


def test_choice_without_options_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    steps = _replace_field("insurance_certificate", "document", options=())
    _with(monkeypatch, "insurance_certificate", steps=steps)
    with pytest.raises(LookupError, match="document"):
        check_catalogue()


def test_all_28_services_are_built() -> None:
    """With issue 5, every service of SERVICES.md is on the home screen."""
    assert len(catalogue.built()) == 28 == len(SERVICES)


# Submissions that stop, withdraw, cancel or transfer: decided by what each service does.
CANNOT_BE_UNDONE = {
    "flex_suspend",  # stops the contributions
    "commercial_amortization_stop", "commercial_biannual_stop",  # stop a plan for that home for good
    "remote_medical_cancel",  # cancels the registration
    "resident_medical_withdrawal", "retirement_hf_withdrawal", "gov_biannual_withdrawal",  # pay money out
    "sealed_hf_withdrawal", "gov_sealed_hf_withdrawal",
    "unemployment_refund",  # the form to pay benefit back; no second form within 7 days
    "hf_transfer_in", "hf_transfer_out_local", "gov_hf_transfer_in", "gov_hf_transfer_out",  # transfers
    "gov_medical_transfer_out",
}


def test_what_cannot_be_undone_is_confirmed_in_one_sentence() -> None:
    assert {s.id for s in SERVICES if s.confirm} == CANNOT_BE_UNDONE
    for spec in SERVICES:
        if spec.confirm:
            assert "。" not in spec.confirm and len(spec.confirm) <= 60, spec.id
    assert catalogue.get("flex_suspend").confirm.startswith("中断后即停止扣缴灵活就业社会保险费")
    assert catalogue.get("commercial_biannual_stop").confirm == "终止后，不得再以该套房重新申请还贷一年两次提取"


def test_a_confirm_sentence_needs_its_button() -> None:
    spec = catalogue.get("flex_suspend")
    with pytest.raises(ValueError, match="confirm_label"):
        spec.model_validate({**spec.model_dump(), "confirm_label": ""})
    with pytest.raises(ValueError, match="confirm_label"):
        spec.model_validate({**spec.model_dump(), "confirm_label": "好的"})
