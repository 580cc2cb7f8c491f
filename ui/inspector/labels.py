"""The inspector's field labels, through Qt's translation mechanism.

The core names fields by their attribute (``win_rate``, ``max_open_opps``); role parameters are labelled
by the core's ``roles.PARAMETER_LABELS`` (one table for the inspector, the workbook and the command line),
the other fields here, keyed by the core's names.
"""

from __future__ import annotations

from salesplanner.roles import PARAMETER_LABELS
from ui.text import translate


def market_label(name: str) -> str:
    """The label of a ``MarketProfile`` field."""
    return {
        "inbound_leads_per_month": translate("Inspector", "Inbound leads / month"),
        "lead_to_opp_rate": translate("Inspector", "Lead → opportunity"),
        "sales_cycle_days": translate("Inspector", "Sales cycle (days)"),
        "win_rate": translate("Inspector", "Win rate"),
        "avg_deal_size": translate("Inspector", "Average deal"),
        "existing_customers": translate("Inspector", "Existing customers"),
        "monthly_churn": translate("Inspector", "Monthly churn"),
    }[name]


def parameter_label(name: str) -> str:
    """The full label of a role parameter (a tooltip in the parameter tables): the core's."""
    label = PARAMETER_LABELS.get(name)
    return str(label) if label is not None else name


def parameter_unit(name: str) -> str:
    """A short caption for a capacity parameter, shown under the role's name in the tables (the full
    label is the tooltip)."""
    return {
        "opps_per_month": translate("Inspector", "opps / mo"),
        "leads_per_month": translate("Inspector", "leads / mo"),
        "max_open_opps": translate("Inspector", "open opps"),
        "prospecting_share": translate("Inspector", "prospecting"),
        "selling_share": translate("Inspector", "selling"),
        "accounts_per_am": translate("Inspector", "accounts"),
        "span_min": translate("Inspector", "min span"),
        "span_max": translate("Inspector", "max span"),
        "annual_quota": translate("Inspector", "quota / year"),
    }.get(name, "")


def field_label(name: str) -> str:
    """The label of a person's, opening's, team's or the plan's own field, by the core's name."""
    if name.startswith("market."):
        return market_label(name.removeprefix("market."))
    if name.startswith("roles."):
        return parameter_label(name.rsplit(".", 1)[-1])
    return {
        "name": translate("Inspector", "Name"),
        "title": translate("Inspector", "Title"),
        "email": translate("Inspector", "Email"),
        "location": translate("Inspector", "Location"),
        "fte": translate("Inspector", "FTE"),
        "productivity": translate("Inspector", "Productivity"),
        "start_date": translate("Inspector", "Start date"),
        "leave_date": translate("Inspector", "Leave date"),
        "status": translate("Inspector", "Status"),
        "annual_cost": translate("Inspector", "Annual cost"),
        "segment": translate("Inspector", "Segment"),
        "product_line": translate("Inspector", "Product line"),
        "geography": translate("Inspector", "Geography"),
        "currency": translate("Inspector", "Currency"),
        "as_of": translate("Inspector", "As of"),
        "horizon_months": translate("Inspector", "Horizon (months)"),
        "tolerance": translate("Inspector", "Balance tolerance"),
        "target_bookings": translate("Inspector", "Bookings target"),
        "quota_to_cost_min": translate("Inspector", "Quota ÷ cost, at least"),
        "quota_to_cost_max": translate("Inspector", "Quota ÷ cost, at most"),
        "attainment_min": translate("Inspector", "Attainment, at least"),
        "hiring_lead_days": translate("Inspector", "Hiring lead time (days)"),
        "locked": translate("Inspector", "Advisor"),
    }.get(name, name)


def lock_choices() -> list[tuple[str, object]]:
    """The choices of the "locked" field: what the advisor may do with a person or a team."""
    return [(translate("Inspector", "May suggest changes"), False),
            (translate("Inspector", "Locked: keep as is"), True)]
