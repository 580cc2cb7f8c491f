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

from salesplanner.i18n import Message, Text, joined, msg, msg_n
from salesplanner.model import FIELD_LABELS, PlanError
from salesplanner.roles import DISPLAY_NAMES, PARAMETER_LABELS, Role

_FIELD_WORDS: dict[str, Message] = {
    "fte": msg("FTE"), "as_of": msg("as-of date"), "horizon_months": msg("horizon (months)"),
    "start_date": msg("start date"), "leave_date": msg("leave date"), "annual_cost": msg("annual cost"),
    "lead_to_opp_rate": msg("lead-to-opportunity rate"), "sales_cycle_days": msg("sales cycle (days)"),
    "avg_deal_size": msg("average deal size"), "target_bookings": msg("target"),
    "quota_to_cost_min": msg("lowest quota-to-cost multiple"),
    "quota_to_cost_max": msg("highest quota-to-cost multiple"),
    "attainment_min": msg("lowest expected attainment"),
}
_KINDS = {"people": "name", "teams": "name", "openings": "title", "scenarios": "name"}
_STEP = re.compile(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]')
_ROLES = {role.value: role for role in Role}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem: where in the file (a path, "" for the whole file) and why."""

    path: str
    reason: Text


def _quoted(text: str) -> str:
    """A name as it appears in a sentence: quoted, one line, not too long, any character that is not
    printable written as its code (a name holding ESC must not steer a terminal or a message box)."""
    shown = " ".join(text.split())
    if not shown.isprintable():
        shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in shown)
    return f'"{shown[:40]}…"' if len(shown) > 40 else f'"{shown}"'


def _field_words(name: str) -> Message:
    words = _FIELD_WORDS.get(name) or FIELD_LABELS.get(name)
    return words if words is not None else msg("{name}", name=name.replace("_", " "))


def _parameter_words(role: str, name: str) -> Message:
    label = PARAMETER_LABELS.get(name)
    words = label if label is not None else _field_words(name)
    return msg("{role} {parameter:lower}", role=DISPLAY_NAMES[_ROLES[role]], parameter=words) if role in _ROLES \
        else msg("{parameter:lower}", parameter=words)


def _place(kind: str, name: str | None, position: int) -> Message:
    """'team "Nordic SMB"', or 'team 3' for one without a name."""
    if name is not None:
        return {"people": msg("person {name}", name=name), "teams": msg("team {name}", name=name),
                "openings": msg("opening {name}", name=name), "scenarios": msg("scenario {name}", name=name)}[kind]
    return {"people": msg("person {n}", n=position), "teams": msg("team {n}", n=position),
            "openings": msg("opening {n}", n=position), "scenarios": msg("scenario {n}", n=position)}[kind]


def _steps(path: str) -> list[str | int]:
    steps: list[str | int] = []
    for match in _STEP.finditer(path):
        name, index, quoted = match.groups()
        steps.append(int(index) if index is not None else name if name is not None else quoted)
    return steps


def _describe(path: str, document: Any) -> tuple[list[Message], list[str | int]]:
    """The named objects along ``path`` ('Scenario "Today"', 'team "SMB"') and the steps left after them."""
    places: list[Message] = []
    node, steps = document, _steps(path)
    index = 0
    while index + 1 < len(steps) and isinstance(steps[index], str) and isinstance(steps[index + 1], int):
        key, position = steps[index], steps[index + 1]
        items = node.get(key) if isinstance(node, dict) else None
        node = items[position] if isinstance(items, list) and isinstance(position, int) and \
            position < len(items) else None
        if key == "assignments":
            places.append(msg("assignment {n}", n=int(position) + 1))
        elif key in _KINDS:
            name = node.get(_KINDS[str(key)]) if isinstance(node, dict) else None
            places.append(_place(str(key), _quoted(name) if isinstance(name, str) and name.strip() else None,
                                 int(position) + 1))
        else:
            places.append(msg("{key} {n}", key=str(key), n=int(position) + 1))
        index += 2
    rest = steps[index:]
    if rest[:1] == ["assumptions"]:
        places.append(msg("assumptions"))
        rest = rest[1:]
    return places, rest


def _english(reason: Text) -> str:
    """The reason in English, which the sentence's shape depends on (the rules below read it)."""
    return reason.text if isinstance(reason, Message) else reason


def _field(rest: list[str | int], reason: Text) -> Message | None:
    names = [str(step) for step in rest]
    english = _english(reason)
    if names == ["id"] and english.startswith("duplicate id"):
        return None
    if english == "unknown field" and names:
        last = names[-1]
        return msg("unknown field {name}", name=last if last.startswith(chr(34)) else _quoted(last))
    if names[:1] == ["market"] and len(names) == 2:
        return _field_words(names[1])
    if names[:1] == ["roles"] and len(names) == 3:
        return _parameter_words(names[1], names[2])
    if names[:1] == ["roles"] and len(names) == 2:
        return msg("{role} parameters", role=DISPLAY_NAMES[_ROLES[names[1]]]) if names[1] in _ROLES \
            else msg("{name}", name=_quoted(names[1]))
    return joined([_field_words(name) for name in names], " ") if names else None


def _predicate(reason: Text) -> bool:
    return _english(reason).startswith(("must ", "is ", "contains ", "appears "))


def describe(problem: Problem, document: Any) -> Text:
    """The problem as a sentence naming its place in words, then the path in parentheses."""
    if not problem.path:
        return problem.reason
    places, rest = _describe(problem.path, document)
    field = _field(rest, problem.reason)
    reason = problem.reason
    if field is not None and _english(reason) == "unknown field":
        body: Text = field
    elif field is not None and _predicate(reason):
        body = msg("{field} {reason}", field=field, reason=reason)
    elif field is not None:
        body = msg("{field}: {reason}", field=field, reason=reason)
    else:
        body = reason
    if places:
        place = joined(places, ", ")
        sentence = msg("{place}: {body}", place=place, body=body) if field is not None or not _predicate(reason) \
            else msg("{place} {body}", place=place, body=body)
    else:
        sentence = msg("{body}", body=body)
    return msg("{sentence:capital} ({path})", sentence=sentence, path=problem.path)


class PlanFileError(PlanError):
    """A plan file that cannot be read or written. ``messages`` are the problems, first first (``problems``
    the same as sentences in the language in force); ``places`` the path into the file of each ("" where
    the whole file is meant); ``total`` how many problems were found, and ``complete`` whether the reader
    looked at the whole file or stopped counting."""

    def __init__(self, problems: Sequence[Text], *, places: Sequence[str] | None = None, total: int | None = None,
                 complete: bool = True) -> None:
        self.messages = list(problems)
        self.places = list(places) if places is not None else [""] * len(self.messages)
        self.total = max(total or 0, len(self.messages))
        self.complete = complete
        more = self.total - 1
        first = self.messages[0]
        if more <= 0:
            message: Text = first
        elif complete:
            message = msg_n("{problem} (and {n} more problem)", "{problem} (and {n} more problems)", n=more,
                            problem=first)
        else:
            message = msg("{problem} (and at least {n} more problems)", problem=first, n=more)
        super().__init__(message)

    def in_file(self, name: str) -> PlanFileError:
        """The same problems, each starting with the file's name."""
        return PlanFileError([msg("{file}: {problem}", file=name, problem=problem) for problem in self.messages],
                             places=self.places, total=self.total, complete=self.complete)

    @property
    def problems(self) -> list[str]:
        return [str(problem) for problem in self.messages]
