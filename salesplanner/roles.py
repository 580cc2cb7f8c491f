"""The fixed set of roles, their display names, aliases and default parameters (docs/model.md §2–§3).

This module is the single table every other part reads: the engine takes parameters from it, the
plan file validates against it, the roster import maps titles through its aliases and the UI shows its
display names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType

from salesplanner.i18n import Message, msg


class Role(StrEnum):
    """A role, in the order of the conversion chain (founder first, manager last)."""

    FOUNDER = "founder"
    FULL_CYCLE = "full_cycle"
    SDR_OUTBOUND = "sdr_outbound"
    SDR_INBOUND = "sdr_inbound"
    AE = "ae"
    AM = "am"
    MANAGER = "manager"


ROLE_ORDER: tuple[Role, ...] = tuple(Role)

DISPLAY_NAMES: Mapping[Role, Message] = MappingProxyType({
    Role.FOUNDER: msg("Founder"),
    Role.FULL_CYCLE: msg("Full-cycle rep"),
    Role.SDR_OUTBOUND: msg("Outbound SDR"),
    Role.SDR_INBOUND: msg("Inbound SDR"),
    Role.AE: msg("AE"),
    Role.AM: msg("AM"),
    Role.MANAGER: msg("Manager"),
})
"""Each role's name as the app shows it (``str()`` renders it in the language in force; ``.text`` is the
English, which the data the app writes for itself, such as a synthetic plan's opening titles, uses)."""

def role_names() -> dict[str, Role]:
    """Each role's display name in every language the app speaks ("Outbound SDR", "Udgående SDR"): what a
    roster's role column, or a workbook the app wrote in any language, says for a role."""
    from salesplanner.i18n import available_languages, make_language, render

    names: dict[str, Role] = {}
    for code in available_languages():
        language = make_language(code, locale=code)
        names.update({render(name, language): role for role, name in DISPLAY_NAMES.items()})
    return names


CLOSERS: frozenset[Role] = frozenset({Role.AE, Role.FULL_CYCLE, Role.FOUNDER})
"""Roles that close deals (§2: a closer is an ae, full_cycle or founder)."""

SPECIALISTS: frozenset[Role] = frozenset({Role.SDR_OUTBOUND, Role.SDR_INBOUND, Role.AE, Role.AM})
SDRS: frozenset[Role] = frozenset({Role.SDR_OUTBOUND, Role.SDR_INBOUND})
SELLERS: frozenset[Role] = frozenset(set(Role) - {Role.MANAGER})

# Job titles as they appear in CRM and HR exports, lower-cased, mapped to a role.
ALIASES: Mapping[str, Role] = MappingProxyType({
    "founder": Role.FOUNDER,
    "co-founder": Role.FOUNDER,
    "cofounder": Role.FOUNDER,
    "ceo": Role.FOUNDER,
    "full_cycle": Role.FULL_CYCLE,
    "full cycle": Role.FULL_CYCLE,
    "full-cycle": Role.FULL_CYCLE,
    "full-cycle rep": Role.FULL_CYCLE,
    "full cycle rep": Role.FULL_CYCLE,
    "sales rep": Role.FULL_CYCLE,
    "sales representative": Role.FULL_CYCLE,
    "sales executive": Role.FULL_CYCLE,
    "one-man band": Role.FULL_CYCLE,
    "sdr_outbound": Role.SDR_OUTBOUND,
    "sdr": Role.SDR_OUTBOUND,
    "bdr": Role.SDR_OUTBOUND,
    "outbound sdr": Role.SDR_OUTBOUND,
    "outbound": Role.SDR_OUTBOUND,
    "business development representative": Role.SDR_OUTBOUND,
    "sales development representative": Role.SDR_OUTBOUND,
    "sdr_inbound": Role.SDR_INBOUND,
    "inbound sdr": Role.SDR_INBOUND,
    "inbound bdr": Role.SDR_INBOUND,
    "inbound": Role.SDR_INBOUND,
    "inbound sales development representative": Role.SDR_INBOUND,
    "ae": Role.AE,
    "account executive": Role.AE,
    "closer": Role.AE,
    "am": Role.AM,
    "account manager": Role.AM,
    "csm": Role.AM,
    "customer success manager": Role.AM,
    "customer success": Role.AM,
    "manager": Role.MANAGER,
    "sales manager": Role.MANAGER,
    "team lead": Role.MANAGER,
    "team leader": Role.MANAGER,
    "head of sales": Role.MANAGER,
    "vp of sales": Role.MANAGER,
    "vp sales": Role.MANAGER,
    "sales director": Role.MANAGER,
    # Danish (docs/glossary.md): the app's own role names, and titles of Danish HR systems.
    "stifter": Role.FOUNDER,
    "medstifter": Role.FOUNDER,
    "grundlægger": Role.FOUNDER,
    "indehaver": Role.FOUNDER,
    "administrerende direktør": Role.FOUNDER,
    "adm direktør": Role.FOUNDER,
    "full-cycle-sælger": Role.FULL_CYCLE,
    "sælger": Role.FULL_CYCLE,
    "udgående sdr": Role.SDR_OUTBOUND,
    "salgsudvikler": Role.SDR_OUTBOUND,
    "indgående sdr": Role.SDR_INBOUND,
    "kundeansvarlig": Role.AM,
    "salgsleder": Role.MANAGER,
    "salgschef": Role.MANAGER,
})


_ABBREVIATIONS: Mapping[str, str] = MappingProxyType({
    "sr": "senior", "jr": "junior", "mgr": "manager", "mngr": "manager", "exec": "executive",
    "rep": "representative", "repr": "representative", "dir": "director", "acct": "account",
    "cust": "customer", "dev": "development", "biz": "business", "teamlead": "team lead",
    "teamleader": "team leader", "cofounder": "co founder",
})

# What a job title says the person does, tried in this order; the first pattern found anywhere in the
# title decides, and the words it matched are used up (so the "manager" of "Account Manager" does not
# also make a sales leader). None: a job the plan has no role for (marketing, engineering …): the bench.
FUNCTION_PATTERNS: tuple[tuple[str, Role | None], ...] = (
    (r"(co )?founder|ceo|owner|(med)?stifter|grundlægger|indehaver|(administrerende|adm) direktør", Role.FOUNDER),
    # Inbound when inbound or leads are named, else outbound (issue wording: "unless inbound / lead is named").
    (r"inbound( \w+)*? (sdr|bdr|representative|development|specialist|qualifier)|"
     r"(sdr|bdr|sales development|business development representative) inbound|"
     r"ldr|mdr|lead (development|qualification|qualifier|response)|leads? generation|marketing development|"
     r"inbound|indgående( salgsudvikl\w*)?|leadkvalificering", Role.SDR_INBOUND),
    (r"sdr|bdr|sales development|business development representative|outbound|prospector|"
     r"appointment setter|(udgående )?salgsudvikl(er|ere|ing)|udgående|mødebooker|prospektør", Role.SDR_OUTBOUND),
    (r"(key |strategic |global |major |named )?account (manager|management|director)|key accounts?|"
     r"customer success( manager)?|client success( manager)?|csm|(client|customer|relationship) manager|"
     r"(partner|channel|alliances?|partnerships?)( account)?( manager| management| executive)?|"
     r"renewals?( manager| specialist)?|retention( manager| specialist)?|onboarding( manager| specialist)?|"
     r"farmer|expansion|account representative|(nøgle)?kundeansvarlig(e)?|kundesucces|kunderådgiver|"
     r"kundechef", Role.AM),
    (r"account executive|ae|closer|new business( executive| manager| sales)?|hunter|nykundesælger", Role.AE),
    (r"sales engineer(ing)?|sales (operations|ops|enablement|support|analyst|assistant|coordinator|"
     r"administrator|trainer)|revenue operations", None),
    (r"(sales|business development|territory|field sales|inside sales) (representative|executive|"
     r"consultant|specialist|associate)|territory manager|business development manager|"
     r"salesperson|sales person|seller|sales|sælger(e)?|salgskonsulent|salgsrepræsentant|"
     r"salgsmedarbejder", Role.FULL_CYCLE),
    (r"marketing|product|engineer|engineering|developer|solutions?|presales|pre sales|technical|"
     r"operations|ops|revops|enablement|analyst|analytics|assistant|coordinator|administrator|admin|"
     r"recruiter|recruiting|hr|human resources|people|finance|controller|accountant|legal|support|"
     r"design|designer|office|it|udvikler|salgsassistent|salgskoordinator|marketing\w*|økonomi\w*|"
     r"kundeservice|support\w*|bogholder|controller", None),
)
LEADER_PATTERN = (r"head|director|vp|vice president|chief|cro|cco|svp|evp|avp|president|team lead(er)?|manager|"
                  r"\w*chef|\w*leder|\w*direktør")
"""Words that make the title a sales leader's (role manager), once the function's own words are used up;
so does a last word "lead" or "leader" ("SDR Lead", but not "Lead SDR"). Danish leaders' titles are
compounds ("Salgschef", "Teamleder", "Salgsdirektør")."""

_FUNCTIONS = tuple((re.compile(rf"\b(?:{pattern})\b"), role) for pattern, role in FUNCTION_PATTERNS)
_LEADER = re.compile(rf"\b(?:{LEADER_PATTERN})\b")
_NON_WORD = re.compile(r"[\W_]+")
"""Anything but letters (Danish ones too: "Kundeansvarlig, Indgående") and digits."""


def title_key(title: str) -> str:
    """A job title as a lookup key: lower case, single spaces (how titles are remembered and compared)."""
    return " ".join(title.strip().lower().split())


def _words(title: str) -> str:
    """Lower-case words, punctuation gone, abbreviations spelt out: "Sr. Acct Exec (DACH)" → "senior account
    executive dach"."""
    text = title_key(title).replace(".", "").replace("'", "")
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(_ABBREVIATIONS.get(word, word) for word in words)


def role_from_title(title: str) -> Role | None:
    """The role a job title stands for, or None when it names none (the person goes to the bench).

    First the alias table (``ALIASES``), then the title's words (``FUNCTION_PATTERNS``): what the person
    does — inbound or outbound SDR, account management, closing, full-cycle selling — and whether the
    rest of the title makes them the leader of it ("Head of Customer Success", "SDR Team Lead", "Sales
    Manager": manager). A leader's title with no function ("Director", "Country Manager") is a manager.
    """
    words = _words(title)
    exact = ALIASES.get(title_key(title)) or ALIASES.get(words)
    if exact is not None:
        return exact
    for pattern, role in _FUNCTIONS:
        found = pattern.search(words)
        if found is None:
            continue
        if role is None or role is Role.FOUNDER:
            return role
        rest = f"{words[:found.start()]} {words[found.end():]}"
        return Role.MANAGER if _leads(rest, trailing=found.end() < len(words)) else role
    return Role.MANAGER if _leads(words, trailing=True) else None


def _leads(words: str, *, trailing: bool) -> bool:
    """Whether ``words`` make a leader's title; ``trailing``: the title's last word is among them."""
    return _LEADER.search(words) is not None or (trailing and words.rsplit(" ", 1)[-1] in ("lead", "leader"))


# Parameters every role has. The capacity parameters below are per role.
RAMP_MONTHS = "ramp_months"
ANNUAL_COST = "annual_cost"
ANNUAL_ATTRITION = "annual_attrition"
"""Expected share of a role's people who leave in a year, voluntary and involuntary. Only the timeline
(and so the expected bookings of docs/model.md §9) uses it (``capacity.survival``); today's figures count
the people the plan names. SDRs default to 0.30: the Bridge Group's SaaS SDR studies report 30–34 % a
year. Every other role defaults to 0.15: the Alexander Group puts average annual B2B sales-rep turnover
across industries at 13.9 % ("Why your sales rep turnover is high"). Founders default to 0: a founder
leaving is a decision the plan models with a leave date, not a statistical expectation."""
ANNUAL_QUOTA = "annual_quota"
"""The bookings a closer is asked for in a full year at full time (docs/model.md §9). Only closer roles
have it; quota is what the company asks, so ramp, productivity and attrition do not discount it."""

DEFAULT_ROLE_PARAMETERS: Mapping[Role, Mapping[str, float]] = MappingProxyType({
    Role.SDR_OUTBOUND: MappingProxyType({"opps_per_month": 12, RAMP_MONTHS: 3, ANNUAL_COST: 90_000,
                                         ANNUAL_ATTRITION: 0.30}),
    Role.SDR_INBOUND: MappingProxyType({"leads_per_month": 150, RAMP_MONTHS: 3, ANNUAL_COST: 85_000,
                                        ANNUAL_ATTRITION: 0.30}),
    Role.AE: MappingProxyType({"max_open_opps": 20, RAMP_MONTHS: 5, ANNUAL_COST: 180_000, ANNUAL_ATTRITION: 0.15,
                               ANNUAL_QUOTA: 800_000}),
    Role.FULL_CYCLE: MappingProxyType({"prospecting_share": 0.4, RAMP_MONTHS: 5, ANNUAL_COST: 160_000,
                                       ANNUAL_ATTRITION: 0.15, ANNUAL_QUOTA: 600_000}),
    Role.FOUNDER: MappingProxyType({"selling_share": 0.3, RAMP_MONTHS: 0, ANNUAL_COST: 0, ANNUAL_ATTRITION: 0,
                                    ANNUAL_QUOTA: 0}),
    Role.AM: MappingProxyType({"accounts_per_am": 40, RAMP_MONTHS: 3, ANNUAL_COST: 120_000, ANNUAL_ATTRITION: 0.15}),
    Role.MANAGER: MappingProxyType({"span_min": 5, "span_max": 10, RAMP_MONTHS: 0, ANNUAL_COST: 220_000,
                                    ANNUAL_ATTRITION: 0.15}),
})

SHARE_PARAMETERS: frozenset[str] = frozenset({"prospecting_share", "selling_share", ANNUAL_ATTRITION})
"""Parameters that are fractions (of a person's time, of a role's people) and so must lie between 0 and 1."""

PARAMETER_LABELS: Mapping[str, Message] = MappingProxyType({
    "opps_per_month": msg("Opportunities sourced / month"),
    "leads_per_month": msg("Inbound leads worked / month"),
    "max_open_opps": msg("Open opportunities worked at once"),
    "prospecting_share": msg("Time spent prospecting"),
    "selling_share": msg("Selling share of a full-cycle rep"),
    "accounts_per_am": msg("Accounts per AM"),
    "span_min": msg("Healthy span, minimum"),
    "span_max": msg("Healthy span, maximum"),
    RAMP_MONTHS: msg("Ramp (months)"),
    ANNUAL_COST: msg("Default annual cost"),
    ANNUAL_ATTRITION: msg("Expected attrition / year"),
    ANNUAL_QUOTA: msg("Annual quota"),
})
