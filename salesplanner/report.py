"""What ``summary``, ``compare`` and ``import`` print for a person: aligned text in the language in force.

Each takes the same data the ``--json`` output prints (``summary.scenario_summary``,
``compare.comparison_to_dict``), whose keys and values stay English for scripts; only this text is
translated. The §4 flow names (``cap_in``, ``close_cap`` …) head the flow table as docs/model.md writes
them, in every language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from salesplanner.capacity import HANDOFF_LABELS, VERDICT_NAMES, Handoff, Verdict
from salesplanner.diagnosis import STAGE_NAMES, Stage
from salesplanner.i18n import NO_VALUE, Message, date_text, integer, money, msg, msg_n, number, percent
from salesplanner.targets import VERDICT_WORDS, TargetVerdict

if TYPE_CHECKING:
    from salesplanner.model import Plan
    from salesplanner.roles import Role
    from salesplanner.roster.build import RosterImport
    from salesplanner.roster.titles import TitleCount

HANDOFFS = tuple(Handoff)
MAX_SHOWN_IGNORED = 10
"""Ignored columns an import report names; the rest are counted."""
BOTTLENECKS = {Handoff.INBOUND_LOAD: msg("inbound load"), Handoff.SDR_TO_CLOSER: msg("SDR → closer"),
               Handoff.CLOSER_TO_AM: msg("closer → AM")}


def _money(value: float, currency: str) -> str:
    return money(value, currency)


def _number(value: float | None, digits: int = 1) -> str:
    return NO_VALUE if value is None else number(value, digits)


def _signed(value: float, digits: int = 1) -> str:
    return "0" if not value else ("+" if value > 0 else "") + number(value, digits)


def _day(iso: str | None) -> str:
    return NO_VALUE if iso is None else date_text(date.fromisoformat(iso))


def _table(headers: Sequence[str | Message], rows: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Columns padded to their widest cell; the first ``left`` columns left-aligned, numbers right."""
    titles = [str(header) for header in headers]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(titles)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i < left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(titles), line(["─" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def _ratio(ratio: float | None, verdict: str | None) -> str:
    if verdict is None:
        return NO_VALUE
    return f"{_number(ratio, 2)} {VERDICT_NAMES[Verdict(verdict)]}"


def _coverage(coverage: float | None, verdict: str | None) -> str:
    """'85 % short', '—' without a target."""
    if coverage is None or verdict is None:
        return NO_VALUE
    return f"{percent(coverage)} {VERDICT_WORDS[TargetVerdict(verdict)]}"


def _stage(value: str) -> str:
    return str(STAGE_NAMES[Stage(value)])


def _none() -> str:
    return "  " + str(msg("none")) + "\n"


def _target_rows(totals: dict[str, Any], currency: str) -> list[tuple[Message, str, str | Message]]:
    """The organisation's target year: target, expected bookings with coverage, quota capacity."""
    target, expected = totals["target_bookings"], totals["expected_bookings_year"]
    source = {"scenario": msg("the scenario's target"), "teams": msg("the sum of the teams' targets")}
    rows: list[tuple[Message, str, str | Message]] = [
        (msg("Target"), NO_VALUE if target is None else _money(target, currency),
         source.get(totals["target_source"], msg("no target set")))]
    note: Message = msg("over the target year, ramp, starts, leaves and attrition included")
    if target is not None and expected < target:
        note = msg("short by {amount}", amount=_money(target - expected, currency))
    rows.append((msg("Expected bookings"), _money(expected, currency), note))
    rows.append((msg("Coverage"), _coverage(totals["target_coverage"], totals["target_verdict"]),
                 msg("expected ÷ target")))
    rows.append((msg("Quota capacity"), _money(totals["quota_capacity"], currency),
                 msg("closers' quotas for the target year")))
    return rows


def format_summary(data: dict[str, Any]) -> str:
    """The summary as aligned text for a terminal."""
    totals, currency = data["totals"], data["currency"]
    values = {"plan": data["plan"], "scenario": data["scenario"], "as_of": _day(data["as_of"]),
              "months": data["horizon_months"]}
    if data["baseline"]:
        heading = msg('{plan} — scenario "{scenario}" (baseline) · as of {as_of} · horizon {months} months', **values)
    else:
        heading = msg('{plan} — scenario "{scenario}" · as of {as_of} · horizon {months} months', **values)
    parts = [str(heading), "\n\n", str(msg("Stage: {stage}", stage=_stage(data["stage"]))) + "\n"]
    parts.extend(f"  • {reason}\n" for reason in data["stage_reasons"])
    parts.append("  " + str(msg("Next: {step}", step=data["next_stage"])) + "\n\n")

    top = totals["top_closer_share"]
    without = totals["teams_without_handoffs"]
    rows: list[tuple[Message, str, str | Message]] = [
        (msg("Headcount"), integer(totals["headcount"]),
         msg_n("+ {n} open position", "+ {n} open positions", n=totals["openings"])),
        (msg("Opportunity supply"), _number(totals["supply"]), msg("per month")),
        (msg("Closing capacity"), _number(totals["close_cap"]), msg("opportunities per month")),
        (msg("Wins"), _number(totals["wins"]), msg("new customers per month")),
        (msg("Bookings / year"), _money(totals["bookings_year"], currency), ""),
        (msg("Annual cost"), _money(totals["annual_cost"], currency), msg("people in teams and open positions")),
        (msg("Cost of sales"), _number(totals["cost_of_sales"], 2), msg("annual cost ÷ bookings per year")),
        (msg("SDRs per closer"), _number(totals["sdr_per_closer"], 2), ""),
        (msg("Top closers' share"), NO_VALUE if top is None else percent(top),
         msg("closing capacity held by the top {n} (20 %) of closers", n=totals["top_closer_count"])),
        (msg("VP direct reports"), integer(totals["vp_span"]), msg("managers + people in teams without one")),
        (msg("Balanced teams"), f"{totals['teams_balanced']} / {totals['teams'] - without}",
         msg_n("{n} without handoffs yet", "{n} without handoffs yet", n=without) if without else ""),
        (msg("Bench"), integer(totals["bench_people"]),
         msg("people, {openings} open positions, {cost} known cost", openings=totals["bench_openings"],
             cost=_money(totals["bench_annual_cost"], currency))),
        *_target_rows(totals, currency),
    ]
    parts.append(str(msg("Organisation")) + "\n")
    shown = [(str(label), value, str(note)) for label, value, note in rows]
    width = max(len(r[0]) for r in shown)
    value_width = max(len(r[1]) for r in shown)
    parts.extend(f"  {label.ljust(width)}  {value.rjust(value_width)}  {note}".rstrip() + "\n"
                 for label, value, note in shown)

    parts.append("\n" + str(msg("Warnings ({n})", n=len(data["warnings"]))) + "\n")
    parts.extend(f"  • {warning}\n" for warning in data["warnings"])
    if not data["warnings"]:
        parts.append(_none())

    teams = data["teams"]
    parts.append("\n" + str(msg("Teams — flows per month")) + "\n")
    parts.append(_table(
        [msg("team"), msg("people"), "cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap",
         "worked", "wins", "bookings", "accounts_H", "am_cap"],
        [[t["name"], integer(sum(t["members"].values())),
          *(_number(t[k]) for k in ("cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap",
                                    "worked", "wins")),
          _money(t["bookings"], currency), _number(t["accounts_H"]), _number(t["am_cap"])] for t in teams]))
    parts.append("\n" + str(msg("Teams — the target year (expected: months 0 … 12 of the timeline, with ramp, "
                                 "starts, leaves and attrition)")) + "\n")
    parts.append(_table(
        [msg("team"), msg("target"), msg("expected"), msg("coverage"), msg("quota capacity")],
        [[t["name"], NO_VALUE if t["target_bookings"] is None else _money(t["target_bookings"], currency),
          _money(t["expected_bookings_year"], currency), _coverage(t["target_coverage"], t["target_verdict"]),
          _money(t["quota_capacity"], currency)] for t in teams]))
    parts.append("\n" + str(msg("Teams — handoffs (load on the receiving role; 1.00 is ideal)")) + "\n")
    parts.append(_table(
        [msg("team"), *(HANDOFF_LABELS[h] for h in HANDOFFS), msg("bottleneck")],
        [[t["name"], *(_ratio(t[h.value], t["verdicts"][h.value]) for h in HANDOFFS),
          str(BOTTLENECKS[Handoff(t["bottleneck"])]) if t["bottleneck"] else NO_VALUE]
         for t in teams]))
    return "".join(parts)


# --- the comparison ------------------------------------------------------------------------------

def _place(side: dict[str, Any] | None) -> str:
    return NO_VALUE if side is None else str(side["label"])


def _target_change(targets: dict[str, Any], currency: str) -> list[str]:
    """Target, expected bookings, their change and coverage before → after ('—' for a side without the team)."""
    before, after = targets["before"], targets["after"]

    def side(figures: dict[str, Any] | None, show: Callable[[dict[str, Any]], str]) -> str:
        return NO_VALUE if figures is None else show(figures)

    def target(figures: dict[str, Any]) -> str:
        return NO_VALUE if figures["target_bookings"] is None else _money(figures["target_bookings"], currency)

    def expected(figures: dict[str, Any]) -> str:
        return _money(figures["expected_bookings_year"], currency)

    def coverage(figures: dict[str, Any]) -> str:
        return _coverage(figures["target_coverage"], figures["target_verdict"])

    return [f"{side(before, target)} → {side(after, target)}", f"{side(before, expected)} → {side(after, expected)}",
            _signed(targets["expected_delta"], 0), f"{side(before, coverage)} → {side(after, coverage)}"]


def format_comparison(data: dict[str, Any]) -> str:
    """``salesplanner compare`` as aligned text: stage, changes, organisation, teams and handoffs."""
    from salesplanner.compare import CHANGE_LABELS, ChangeKind

    currency, stage, totals = data["currency"], data["stage"], data["totals"]
    parts = [str(msg('{plan} — "{before}" → "{after}" · as of {as_of} · leavers counted up to {end}',
                     plan=data["plan"], before=data["from"]["name"], after=data["to"]["name"],
                     as_of=_day(data["as_of"]), end=_day(data["horizon_end"]))), "\n\n"]
    before, after = _stage(stage["before"]), _stage(stage["after"])
    parts.append(str(msg("Stage: {before} → {after} (changed)", before=before, after=after) if stage["changed"]
                     else msg("Stage: {before} → {after}", before=before, after=after)))
    parts.append("\n\n")

    changes = data["changes"]
    parts.append(str(msg("Changes ({n})", n=len(changes))) + "\n")
    if changes:
        rows = []
        for change in changes:
            kinds = [str(CHANGE_LABELS[ChangeKind(kind)]) for kind in change["changes"]]
            rows.append([change["name"], change["id"], ", ".join(kinds), _place(change["from"]), _place(change["to"]),
                         _signed(change["annual_cost_delta"], 0)])
        parts.append(_table([msg("who"), msg("id"), msg("change"), msg("from"), msg("to"), msg("annual cost")],
                            rows, left=5))
    else:
        parts.append(_none())

    leavers = data["leavers"]
    parts.append("\n" + str(msg("Leaving within the horizon ({n})", n=len(leavers))) + "\n")
    if leavers:
        parts.append(_table([msg("who"), msg("id"), msg("leaves"), msg("from"), msg("to")],
                            [[leaver["name"], leaver["id"], _day(leaver["leave_date"]), _place(leaver["from"]),
                              _place(leaver["to"])] for leaver in leavers], left=5))
    else:
        parts.append(_none())

    money_keys = {"annual_cost"}
    labels: list[tuple[str, Message, int]] = [
        ("headcount", msg("Headcount"), 0), ("openings", msg("Open positions"), 0), ("fte", msg("FTE"), 1),
        ("effective_fte", msg("Effective FTE"), 1),
        ("annual_cost", msg("Annual cost ({currency})", currency=currency), 0),
        ("supply", msg("Opportunity supply / month"), 1), ("close_cap", msg("Closing capacity / month"), 1),
        ("wins", msg("Wins / month"), 1), ("bookings_year", msg("Bookings / year ({currency})", currency=currency), 0)]
    rows = [[str(label), _number(totals["before"][key], digits), _number(totals["after"][key], digits),
             _signed(totals["delta"][key], digits)] for key, label, digits in labels]
    balanced = totals["teams_balanced"]
    rows.append([str(msg("Balanced teams")), str(balanced["before"]), str(balanced["after"]),
                 _signed(balanced["after"] - balanced["before"], 0)])
    parts.append("\n" + str(msg("Organisation")) + "\n")
    parts.append(_table(["", msg("before"), msg("after"), msg("change")], rows))

    teams = data["teams"]
    parts.append("\n" + str(msg("Teams — change from before to after")) + "\n")
    team_rows = []
    for team in teams:
        status = (msg("added") if team["added"] else msg("removed") if team["removed"]
                  else msg("renamed from {name}", name=team["name_before"]) if team["renamed"] else "")
        delta = team["delta"]
        team_rows.append([team["name"], str(status),
                          *(_signed(delta[key], 0 if key in money_keys else digits) for key, _, digits in labels)])
    parts.append(_table([msg("team"), "", msg("headcount"), msg("openings"), msg("FTE"), msg("effective FTE"),
                         msg("annual cost"), "supply", "close_cap", "wins", "bookings/year"], team_rows, left=2))

    parts.append("\n" + str(msg("The target year before → after (expected: months 0 … 12 of the timeline)")) + "\n")
    parts.append(_table(
        ["", msg("target"), msg("expected"), msg("change"), msg("coverage")],
        [[name, *_target_change(targets, currency)]
         for name, targets in [(str(msg("Organisation")), totals["targets"]),
                               *((t["name"], t["targets"]) for t in teams)]]))

    parts.append("\n" + str(msg("Teams — handoffs before → after (load on the receiving role; * verdict "
                                 "changed)")) + "\n")
    parts.append(_table(
        [msg("team"), *(HANDOFF_LABELS[h] for h in HANDOFFS)],
        [[team["name"], *(f"{_ratio(b['before'], b['verdict_before'])} → {_ratio(b['after'], b['verdict_after'])}"
                          + (" *" if b["verdict_changed"] else "")
                          for b in (team["balances"][h.value] for h in HANDOFFS))] for team in teams],
        left=4))
    return "".join(parts)


# --- the import ----------------------------------------------------------------------------------

MAX_TITLES_SHOWN = 40


def format_import_report(result: RosterImport, output: str, titles: Sequence[TitleCount] = (),
                         chosen: Mapping[str, Role | None] | None = None, chosen_from: str | None = None) -> str:
    """What an import did: counts, the plan's name, what it decided for the whole file, the role each job
    title is read as, every row left out with its reasons, warnings, ignored columns."""
    from salesplanner.roles import DISPLAY_NAMES

    people = msg_n("{n} person", "{n} people", n=result.people)
    teams = msg_n("{n} team", "{n} teams", n=result.teams)
    if result.openings:
        line = msg("{file}: {people} and {openings} imported into {teams} ({bench} on the bench)", file=output,
                   people=people, openings=msg_n("{n} open position", "{n} open positions", n=result.openings),
                   teams=teams, bench=result.on_bench)
    else:
        line = msg("{file}: {people} imported into {teams} ({bench} on the bench)", file=output, people=people,
                   teams=teams, bench=result.on_bench)
    lines = [str(line), str(msg('Plan name: "{name}"', name=result.plan.name))]
    lines += [str(msg("{note:capital}.", note=note)) for note in result.notes]
    if titles:
        lines.append(str(msg("Job titles and the role each is read as (choose others with --titles FILE):")))
        for title in titles[:MAX_TITLES_SHOWN]:
            explicit = chosen is not None and title.key in chosen
            role = chosen[title.key] if chosen is not None and explicit else title.matched
            read_as = DISPLAY_NAMES[role] if role else msg("bench")
            if explicit and chosen_from:
                read = msg("{title} ({n}) → {role} (from {file})", title=title.title, n=title.count, role=read_as,
                           file=chosen_from)
            else:
                read = msg("{title} ({n}) → {role}", title=title.title, n=title.count, role=read_as)
            lines.append(f"  {read}")
        if len(titles) > MAX_TITLES_SHOWN:
            more = len(titles) - MAX_TITLES_SHOWN
            lines.append("  " + str(msg_n("… and {n} more title", "… and {n} more titles", n=more)))
    if result.problems:
        lines.append(str(msg_n("{n} row with problems, not imported:", "{n} rows with problems, not imported:",
                               n=result.rows_with_problems)))
        lines += [f"  {problem}" for problem in result.problems]
    if result.warnings:
        lines.append(str(msg_n("{n} warning:", "{n} warnings:", n=len(result.warnings))))
        lines += [f"  {warning}" for warning in result.warnings]
    if result.ignored_columns:
        lines.append(ignored_columns_text(result.ignored_columns))
    return "\n".join(lines) + "\n"


def ignored_columns_text(columns: Sequence[str]) -> str:
    """The ignored columns in one line: the first ``MAX_SHOWN_IGNORED`` names (long ones cut), then a count."""
    shown = [name if len(name) <= 40 else name[:39] + "…" for name in columns[:MAX_SHOWN_IGNORED]]
    more = len(columns) - len(shown)
    if more:
        return str(msg("Ignored columns: {names} and {n} more", names=", ".join(shown), n=more))
    return str(msg("Ignored columns: {names}", names=", ".join(shown)))


# --- the advice ----------------------------------------------------------------------------------

def members_named(plan: Plan) -> dict[str, str]:
    """Every member's name by id (people, and every scenario's openings)."""
    names: dict[str, str] = {person.id: person.name for person in plan.people.values()}
    for scenario in plan.scenarios.values():
        names.update({opening.id: opening.title for opening in scenario.openings.values()})
    return names


def format_advice(plan: str, scenario: str, currency: str, data: dict[str, Any], names: dict[str, str]) -> str:
    """``salesplanner advise`` as text: status, hires, moves, and each team's handoffs before → after."""
    from salesplanner.roles import DISPLAY_NAMES, Role

    teams = {team["id"]: team["name"] for team in data["teams"]}
    if data["month"] == 0:
        heading = msg('{plan} — scenario "{scenario}" · every team balanced today', plan=plan, scenario=scenario)
    else:
        heading = msg('{plan} — scenario "{scenario}" · every team balanced at month {month} ({date})', plan=plan,
                      scenario=scenario, month=data["month"], date=_day(data["date"]))
    parts = [str(heading), "\n\n"]
    status = {"optimal": msg("optimal — the fewest hires and moves under these limits"),
              "feasible": msg("feasible — balances every team; the time ran out before it was proven best "
                              "(gap {gap:.1%})", gap=data["gap"] or 0),
              "infeasible": msg("infeasible")}[data["status"]]
    parts.append(str(msg("Status: {status}", status=status)) + "\n")
    if data["reason"]:
        parts.append(f"  {data['reason']}\n")
    parts.extend(f"  {note}\n" for note in data["notes"])

    def place(side: dict[str, Any]) -> str:
        if side["team"] is None:
            return str(msg("bench"))
        return str(msg("{team} · {role}", team=teams.get(side["team"], side["team"]),
                       role=DISPLAY_NAMES[Role(side["role"])]))

    if data["status"] == "infeasible":
        return "".join(parts)
    hires = data["hires"]
    parts.append("\n" + str(msg("Hires ({n}, {cost} a year)", n=len(hires),
                                cost=_money(data["hire_cost"], currency))) + "\n")
    parts.extend("  " + str(msg("{role} in {team}, starting {start}, {cost}", role=DISPLAY_NAMES[Role(hire["role"])],
                                team=teams[hire["team"]], start=_day(hire["start_date"]),
                                cost=_money(hire["annual_cost"], currency))) + "\n" for hire in hires)
    if not hires:
        parts.append(_none())
    moves = data["moves"]
    parts.append("\n" + str(msg("Moves ({n})", n=len(moves))) + "\n")
    parts.extend(f"  {names.get(move['person'], move['person'])} ({move['person']}): {place(move['from'])} → "
                 f"{place(move['to'])}\n" for move in moves)
    if not moves:
        parts.append(_none())
    changed = [team for team in data["teams"] if team["status"]["before"] != team["status"]["after"]
               or any(b["before"] != b["after"] for b in team["balances"].values())]
    parts.append("\n" + str(msg("Teams that change — handoffs before → after (load on the receiving role; 1.00 is "
                                "ideal)")) + "\n")
    parts.append(_table(
        [msg("team"), *(HANDOFF_LABELS[h] for h in HANDOFFS), msg("bookings / year")],
        [[team["name"], *(f"{_ratio(b['before'], b['verdict_before'])} → {_ratio(b['after'], b['verdict_after'])}"
                          for b in (team["balances"][h.value] for h in HANDOFFS)),
          f"{_money(team['bookings_year']['before'], currency)} → {_money(team['bookings_year']['after'], currency)}"]
         for team in changed], left=4) if changed else _none())
    return "".join(parts)
