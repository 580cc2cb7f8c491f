"""Job titles as HR writes them, read on their words (docs/model.md §2: roles and their aliases live in
one table, ``roles``): what a VP of Sales means by each title."""

from __future__ import annotations

import pytest

from salesplanner.roles import ALIASES, Role, role_from_title, title_key

TITLES = {
    # closers
    "Account Executive": Role.AE, "Senior Account Executive": Role.AE, "Enterprise AE": Role.AE,
    "Mid-Market AE": Role.AE, "Sr. Acct Exec": Role.AE, "Account Executive II": Role.AE, "Closer": Role.AE,
    "Lead Account Executive": Role.AE,
    # outbound, unless inbound or leads are named
    "SDR": Role.SDR_OUTBOUND, "BDR": Role.SDR_OUTBOUND, "Sales Development Representative": Role.SDR_OUTBOUND,
    "Business Development Representative": Role.SDR_OUTBOUND, "Outbound BDR": Role.SDR_OUTBOUND,
    "Lead SDR": Role.SDR_OUTBOUND,
    "Inbound SDR": Role.SDR_INBOUND, "Senior SDR (Inbound)": Role.SDR_INBOUND,
    "Lead Development Rep": Role.SDR_INBOUND, "Inbound Sales Development Rep": Role.SDR_INBOUND,
    # account management
    "Account Manager": Role.AM, "Key Account Manager": Role.AM, "Strategic Account Manager": Role.AM,
    "Customer Success Manager": Role.AM, "CSM": Role.AM, "Partner Manager": Role.AM,
    "Partner Account Manager": Role.AM, "Renewals Specialist": Role.AM,
    # leaders
    "Head of Sales": Role.MANAGER, "VP Sales": Role.MANAGER, "V.P. Sales": Role.MANAGER,
    "VP of Sales": Role.MANAGER, "Director, Enterprise Sales": Role.MANAGER, "Sales Manager": Role.MANAGER,
    "Regional Sales Manager": Role.MANAGER, "Head of Customer Success": Role.MANAGER,
    "SDR Team Lead": Role.MANAGER, "SDR Lead": Role.MANAGER, "Sales Team Lead": Role.MANAGER,
    "Account Executive, Team Lead": Role.MANAGER, "Chief Revenue Officer": Role.MANAGER,
    "Country Manager": Role.MANAGER, "Team Lead": Role.MANAGER,
    # full-cycle sellers and founders
    "Sales Representative": Role.FULL_CYCLE, "Inside Sales Representative": Role.FULL_CYCLE,
    "Business Development Manager": Role.FULL_CYCLE, "Territory Manager": Role.FULL_CYCLE,
    "Founder & CEO": Role.FOUNDER, "Co-Founder": Role.FOUNDER,
}
NOT_SALES_ROLES = ["Marketing Manager", "Head of Marketing", "Solutions Engineer", "Sales Engineer",
                   "Sales Operations Manager", "Office Manager", "Wizard", ""]


@pytest.mark.parametrize(("title", "role"), list(TITLES.items()))
def test_titles_map_on_their_words(title: str, role: Role) -> None:
    assert role_from_title(title) is role
    assert role_from_title(f"  {title.upper()}  ") is role  # case and spacing do not matter


@pytest.mark.parametrize("title", NOT_SALES_ROLES)
def test_jobs_without_a_sales_role_go_to_the_bench(title: str) -> None:
    assert role_from_title(title) is None


def test_every_alias_still_maps_to_its_role() -> None:
    assert {alias: role_from_title(alias) for alias in ALIASES} == dict(ALIASES)


def test_title_keys_ignore_case_and_spacing() -> None:
    assert title_key("  Key   Account Manager ") == title_key("key account manager") == "key account manager"
