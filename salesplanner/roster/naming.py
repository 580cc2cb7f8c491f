"""The name an imported plan starts with. It becomes the workbook's title, the PDF footer and the title
slide, so it should name the company, not the file ("roster_nordvik_v2"): the company is read from the
email addresses most people share, else from the file name with the words files are named with
("roster", "export", "v2", dates …) left out."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from salesplanner.i18n import msg
from salesplanner.roster.cells import text
from salesplanner.roster.columns import ColumnMapping, Field
from salesplanner.roster.files import RosterTable

PUBLIC_MAIL = frozenset({
    "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "icloud", "me", "mac", "aol", "gmx",
    "web", "proton", "protonmail", "mail", "example", "yandex", "zoho", "fastmail", "hey"})
"""Mail providers, not employers: a roster of their addresses says nothing about the company."""
SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})
"""``nordvik.co.uk``: the company is the label before these."""
FILE_WORDS = frozenset({
    "roster", "rosters", "export", "exported", "hr", "employees", "employee", "staff", "people", "list", "data",
    "final", "copy", "sales", "team", "teams", "org", "organisation", "organization", "headcount", "report",
    "new", "old", "latest", "draft", "csv", "xlsx", "sheet", "of", "and", "the", "crm", "users", "user", "members",
    "personnel", "hris", "workforce", "salesforce", "hubspot", "workday", "bamboohr", "personio"})
_NOISE = re.compile(r"v\d+|\d+|[a-z]?\d+[a-z]?")
_SPLIT = re.compile(r"[\s_.\-()\[\]]+")


def company_from_domain(domain: str) -> str | None:
    """``nordvik-software.com`` → "Nordvik Software"; None for a mail provider's domain."""
    labels = [label for label in domain.lower().strip(".").split(".") if label]
    if len(labels) < 2:
        return None
    name = labels[-3] if len(labels) >= 3 and labels[-2] in SECOND_LEVEL and len(labels[-1]) == 2 else labels[-2]
    if name in PUBLIC_MAIL:
        return None
    return " ".join(word.capitalize() for word in name.split("-") if word) or None


def company_from_file(source: str) -> str | None:
    """"roster_nordvik_v2.csv" → "Nordvik"; None when only file-naming words remain."""
    words = [word for word in _SPLIT.split(Path(source).stem) if word]
    kept = [word for word in words if word.lower() not in FILE_WORDS and not _NOISE.fullmatch(word.lower())]
    if not kept:
        return None
    return " ".join(word if any(c.isupper() for c in word) else word.capitalize() for word in kept)


def suggest_plan_name(table: RosterTable, mapping: ColumnMapping) -> str:
    """"Nordvik sales plan": the company of most email addresses, else of the file name; else "Sales plan".
    In the language in force: the name is the plan's, kept as typed once imported."""
    column = mapping.column_of(Field.EMAIL)
    company = None
    if column is not None:
        domains = Counter(address.rpartition("@")[2] for row in table.rows
                          if (address := text(row[column])) and "@" in address)
        company = next((name for domain, _ in domains.most_common(5) if (name := company_from_domain(domain))), None)
    company = company or company_from_file(table.source)
    return str(msg("{company} sales plan", company=company)) if company else default_plan_name()


def default_plan_name() -> str:
    """What a plan is called when nothing names its company, in the language in force."""
    return str(msg("Sales plan"))
