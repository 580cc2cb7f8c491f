"""What is wrong with a plan file, said in words a planner recognises, with the place for scripts.

The careful reader finds each problem at a path into the JSON (``scenarios[1].teams[2].market.win_rate``);
a person editing the plan thinks of the scenario and team by name. ``PlanFileError`` keeps both: each
problem reads ``Scenario "Market teams", team "Nordic SMB": win rate must be between 0 and 1
(scenarios[1].teams[2].market.win_rate)``, and ``places`` lists the paths alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from salesplanner.model import PlanError
from salesplanner.roles import DISPLAY_NAMES, PARAMETER_LABELS, Role

_FIELD_WORDS = {
    "fte": "FTE", "as_of": "as-of date", "horizon_months": "horizon (months)", "start_date": "start date",
    "leave_date": "leave date", "annual_cost": "annual cost", "lead_to_opp_rate": "lead-to-opportunity rate",
    "sales_cycle_days": "sales cycle (days)", "avg_deal_size": "average deal size",
    "target_bookings": "target", "quota_to_cost_min": "lowest quota-to-cost multiple",
    "quota_to_cost_max": "highest quota-to-cost multiple", "attainment_min": "lowest expected attainment",
}
_KINDS = {"people": ("person", "name"), "teams": ("team", "name"), "openings": ("opening", "title"),
          "scenarios": ("scenario", "name")}
_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
_ROLES = {role.value: role for role in Role}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where in the file (a path, "" for the whole file) and why."""

    path: str
    reason: str


def _quoted(text: str) -> str:
    """A name as it appears in a sentence: quoted, one line, not too long, any character that is not
    printable written as its code (a name holding ESC must not steer a terminal or a message box)."""
    shown = " ".join(text.split())
    if not shown.isprintable():
        shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in shown)
    return f'"{shown[:40]}…"' if len(shown) > 40 else f'"{shown}"'


def _field_words(name: str) -> str:
    return _FIELD_WORDS.get(name, name.replace("_", " "))


def _parameter_words(role: str, name: str) -> str:
    label = PARAMETER_LABELS.get(name)
    words = label[0].lower() + label[1:] if label else _field_words(name)
    return f"{DISPLAY_NAMES[_ROLES[role]]} {words}" if role in _ROLES else words


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for match in _STEP.finditer(path):
        name, index, quoted = match.groups()
        steps.append(int(index) if index is not None else name if name is not None else quoted)
    return steps


def _describe(path: str, document: Any) -> tuple[list[str], list[str | int]]:
    """The named objects along ``path`` ('Scenario "Today"', 'team "SMB"') and the steps left after them."""
    places: list[str] = []
    node, steps = document, _steps(path)
    index = 0
    while index + 1 < len(steps) and isinstance(steps[index], str) and isinstance(steps[index + 1], int):
        key, position = steps[index], steps[index + 1]
        items = node.get(key) if isinstance(node, dict) else None
        node = items[position] if isinstance(items, list) and isinstance(position, int) and \
            position < len(items) else None
        if key == "assignments":
            places.append(f"assignment {int(position) + 1}")
        elif key in _KINDS:
            kind, name_key = _KINDS[str(key)]
            name = node.get(name_key) if isinstance(node, dict) else None
            places.append(f"{kind} {_quoted(name)}" if isinstance(name, str) and name.strip()
                          else f"{kind} {int(position) + 1}")
        else:
            places.append(f"{key} {int(position) + 1}")
        index += 2
    rest = steps[index:]
    if rest[:1] == ["assumptions"]:
        places.append("assumptions")
        rest = rest[1:]
    return places, rest


def _field(rest: list[str | int], reason: str) -> str:
    names = [str(step) for step in rest]
    if names == ["id"] and reason.startswith("duplicate id"):
        return ""
    if reason == "unknown field" and names:
        last = names[-1]
        return f"unknown field {last if last.startswith(chr(34)) else _quoted(last)}"
    if names[:1] == ["market"] and len(names) == 2:
        return _field_words(names[1])
    if names[:1] == ["roles"] and len(names) == 3:
        return _parameter_words(names[1], names[2])
    if names[:1] == ["roles"] and len(names) == 2:
        return f"{DISPLAY_NAMES[_ROLES[names[1]]]} parameters" if names[1] in _ROLES else _quoted(names[1])
    return " ".join(_field_words(name) for name in names)


def _predicate(reason: str) -> bool:
    return reason.startswith(("must ", "is ", "contains ", "appears "))


def describe(problem: Problem, document: Any) -> str:
    """The problem as a sentence naming its place in words, then the path in parentheses."""
    if not problem.path:
        return problem.reason
    places, rest = _describe(problem.path, document)
    field = _field(rest, problem.reason)
    if field.startswith("unknown field"):
        body = field
    elif field and _predicate(problem.reason):
        body = f"{field} {problem.reason}"
    elif field:
        body = f"{field}: {problem.reason}"
    else:
        body = problem.reason
    if places:
        place = ", ".join(places)
        sentence = f"{place}: {body}" if field or not _predicate(problem.reason) else f"{place} {body}"
    else:
        sentence = body
    return f"{sentence[0].upper()}{sentence[1:]} ({problem.path})"


class PlanFileError(PlanError):
    """A plan file that cannot be read or written. ``problems`` are the sentences, first first; ``places``
    the path into the file of each ("" where the whole file is meant); ``total`` how many problems were
    found, and ``complete`` whether the reader looked at the whole file or stopped counting."""

    def __init__(self, problems: Sequence[str], *, places: Sequence[str] | None = None, total: int | None = None,
                 complete: bool = True) -> None:
        self.problems = list(problems)
        self.places = list(places) if places is not None else [""] * len(self.problems)
        self.total = max(total or 0, len(self.problems))
        self.complete = complete
        more = self.total - 1
        if more <= 0:
            suffix = ""
        elif complete:
            suffix = f" (and {more:,} more problem{'s' if more > 1 else ''})"
        else:
            suffix = f" (and at least {more:,} more problems)"
        super().__init__(self.problems[0] + suffix)

    def in_file(self, name: str) -> PlanFileError:
        """The same problems, each starting with the file's name."""
        return PlanFileError([f"{name}: {problem}" for problem in self.problems], places=self.places,
                             total=self.total, complete=self.complete)
