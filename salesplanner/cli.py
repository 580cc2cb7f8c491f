"""The command line (README, "Command line"): the same core functions as the app, no window.

Bad input never shows a traceback: every ``PlanError`` (and so every ``PlanFileError``) becomes one
sentence on stderr and exit code 1; usage mistakes are argparse's, exit code 2. Numbers given on the
command line are checked for range (and NaN) like any other input. Everything printed passes through
``terminal_safe``: a name or a file name cannot send control sequences to the terminal.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from salesplanner.model import PlanError

SUBCOMMANDS = ("demo", "summary", "render", "compare", "import", "export", "advise")
HANDOFFS = ("inbound_load", "sdr_to_closer", "closer_to_am")
MAX_SYNTHETIC_PEOPLE = 200_000
"""The largest synthetic plan ``demo`` writes: as many people as a roster may have."""
MAX_SYNTHETIC_TEAMS = 10_000
MAX_SCALE = 8.0
MAX_SHOWN_IGNORED = 10
"""Ignored columns an import report names; the rest are counted."""

# C0 and C1 control characters (tab and line feed aside), DEL and lone surrogates: shown as \uXXXX, which
# a terminal prints as text and which is still valid inside a JSON string.
_UNSAFE_FOR_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def terminal_safe(text: str) -> str:
    """``text`` with every character that could steer a terminal (ESC sequences, carriage returns…)
    written out as ``\\uXXXX``."""
    if text.isprintable() or not _UNSAFE_FOR_TERMINAL.search(text):
        return text
    return _UNSAFE_FOR_TERMINAL.sub(lambda found: f"\\u{ord(found[0]):04x}", text)


class _TerminalText:
    """A text stream whose writes pass through ``terminal_safe``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        safe = terminal_safe(text)
        try:
            return self._stream.write(safe)
        except UnicodeEncodeError:  # a terminal whose encoding lacks a character of a name
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            return self._stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))

    def flush(self) -> None:
        self._stream.flush()


class _PrintVersion(argparse.Action):
    """``--version``: the installed version, read only when asked (importlib.metadata costs start-up time)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        from salesplanner.about import version

        sys.stdout.write(f"{parser.prog} {version()}\n")
        parser.exit()


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salesplanner",
        description="Design a sales organisation: market teams, capacity and handoff balance. "
                    "Without a subcommand, opens the app on PLAN (or on the bundled demo plan).")
    parser.add_argument("--version", action=_PrintVersion)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="write the bundled demo plan, or a synthetic plan of any size")
    demo.add_argument("-o", "--output", required=True, type=Path, help="plan file to write")
    demo.add_argument("--people", type=int, help="write a synthetic plan with this many people")
    demo.add_argument("--teams", type=int, help="number of teams of the synthetic plan (default people/20)")
    demo.add_argument("--seed", type=int, default=1, help="random seed: same seed, same file (default 1)")

    summary = commands.add_parser("summary", help="stage, organisation figures, warnings and every team")
    summary.add_argument("plan", type=Path, help="plan file (.salesplan)")
    summary.add_argument("--scenario", help="scenario name (default: the baseline)")
    summary.add_argument("--json", action="store_true", help="print one JSON object instead of tables")

    render = commands.add_parser("render", help="the team layout as PNG, SVG, PDF or PowerPoint, without a window")
    render.add_argument("plan", type=Path, help="plan file (.salesplan)")
    render.add_argument("-o", "--output", required=True, type=Path, help="out.png, out.svg, out.pdf or out.pptx")
    render.add_argument("--scenario", help="scenario name (default: the baseline)")
    render.add_argument("--group-by", choices=("segment", "product_line", "geography", "none"), default="segment",
                        help="swimlanes of the board (PNG, SVG, PDF); default segment")
    render.add_argument("--scale", type=float, default=2.0, help="PNG resolution as a multiple (default 2)")
    render.add_argument("--page-size", choices=("a4", "letter"), default="a4", help="PDF page size (landscape)")
    render.add_argument("--one-page", action="store_true", help="PDF: the whole board on one page")
    render.add_argument("--baseline", help="PowerPoint: add the changes from this scenario")

    compare = commands.add_parser("compare", help="what changes from one scenario to another: people, openings, "
                                                  "cost, capacity, handoffs and stage")
    compare.add_argument("plan", type=Path, help="plan file (.salesplan)")
    compare.add_argument("--from", dest="source", help="scenario compared from (default: the baseline)")
    compare.add_argument("--to", dest="target", required=True, help="scenario compared to")
    compare.add_argument("--json", action="store_true", help="print one JSON object instead of tables")

    roster = commands.add_parser("import", help="a roster (CSV or XLSX) as a new plan: bench or teams as it says")
    roster.add_argument("roster", type=Path, help="roster.csv or roster.xlsx")
    roster.add_argument("-o", "--output", required=True, type=Path, help="plan file to write (.salesplan)")
    roster.add_argument("--sheet", help="the workbook's sheet to read (default: Roster, else the first)")
    roster.add_argument("--name", help="the plan's name (default: the company of the roster's e-mail addresses, "
                                       "else of the file name: \"Nordvik sales plan\")")
    roster.add_argument("--titles", type=Path, metavar="FILE",
                        help="CSV with the columns title,role: the role of each job title named there (ae, am, "
                             "sdr_outbound, … or bench), over the matcher's")

    export = commands.add_parser("export", help="the planning workbook (.xlsx) of a scenario, with live formulas")
    export.add_argument("plan", type=Path, help="plan file (.salesplan)")
    export.add_argument("-o", "--output", required=True, type=Path, help="workbook to write (.xlsx)")
    export.add_argument("--scenario", help="scenario name (default: the baseline)")
    export.add_argument("--baseline", help="scenario to compare with on a Changes sheet (default: none)")

    advise = commands.add_parser("advise", help="the fewest hires and moves that balance every team "
                                                "(docs/model.md §10)")
    advise.add_argument("plan", type=Path, help="plan file (.salesplan)")
    advise.add_argument("--scenario", help="scenario name (default: the baseline)")
    hires = advise.add_mutually_exclusive_group()
    hires.add_argument("--no-hires", action="store_true", help="suggest no hires")
    hires.add_argument("--max-hires", type=int, metavar="N", help="suggest at most N hires")
    advise.add_argument("--role-changes", action="store_true", help="allow role changes (a role change counts as "
                                                                    "3 moves)")
    advise.add_argument("--same-geography", action="store_true", help="move people only between teams of the same "
                                                                      "geography")
    advise.add_argument("--lock", nargs="+", default=[], metavar="ID", help="people or teams (ids) to keep as they are")
    advise.add_argument("--at-month", type=int, default=0, metavar="M",
                        help="balanced at month M of the timeline (default 0: today)")
    advise.add_argument("--time-limit", type=float, default=30.0, metavar="S", help="seconds to search (default 30)")
    advise.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    advise.add_argument("-o", "--output", type=Path, help="write a copy of the plan with the suggestion as a new "
                                                          "scenario")
    return parser


def _run_advise(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.advisor import AdviceOptions, Status, advise
    from salesplanner.advisor.apply import advice_to_dict, proposal_command
    from salesplanner.model import MemberId, TeamId
    from salesplanner.planfile.read import load_plan
    from salesplanner.planfile.write import save_plan

    plan = load_plan(args.plan)
    scenario = plan.scenario_named(args.scenario) if args.scenario else plan.scenarios[plan.baseline]
    members, teams = set(), set()
    for item in args.lock:
        if item in scenario.teams:
            teams.add(TeamId(item))
        elif plan.member(scenario, MemberId(item)) is not None:
            members.add(MemberId(item))
        else:
            raise PlanError(f'--lock: scenario "{scenario.name}" has no person, opening or team with id {item}')
    options = AdviceOptions(at_month=args.at_month, hires=not args.no_hires, max_hires=args.max_hires,
                            role_changes=args.role_changes, same_geography=args.same_geography,
                            locked_members=frozenset(members), locked_teams=frozenset(teams),
                            time_limit=args.time_limit)
    advice = advise(plan, scenario.id, options)
    written = None
    if args.output is not None and advice.status is not Status.INFEASIBLE:
        command, new_scenario = proposal_command(plan, scenario.id, advice.moves, advice.hires)
        command.do(plan)
        save_plan(plan, args.output)
        written = plan.scenarios[new_scenario].name
    if args.json:
        _write_json({"plan": plan.name, "scenario": scenario.name, "currency": plan.currency,
                     **advice_to_dict(advice), "written_scenario": written}, out)
    else:
        out.write(format_advice(plan.name, scenario.name, plan.currency, advice_to_dict(advice), members_named(plan)))
        if written is not None:
            out.write(f'\n{args.output.name}: the suggestion is scenario "{written}" '
                      f'(salesplanner summary {args.output.name} --scenario "{written}")\n')


def _run_demo(args: argparse.Namespace) -> None:
    from salesplanner.planfile.write import save_plan
    from salesplanner.resources import load_demo_plan

    if args.people is None:
        if args.teams is not None:
            raise PlanError("--teams needs --people (the bundled demo plan has a fixed size)")
        plan = load_demo_plan()
    else:
        from salesplanner.synthetic import synthetic_plan

        teams = args.teams if args.teams is not None else max(1, args.people // 20)
        if not 0 <= args.people <= MAX_SYNTHETIC_PEOPLE:
            raise PlanError(f"--people must be between 0 and {MAX_SYNTHETIC_PEOPLE:,}")
        if not 1 <= teams <= MAX_SYNTHETIC_TEAMS:
            raise PlanError(f"--teams must be between 1 and {MAX_SYNTHETIC_TEAMS:,}")
        plan = synthetic_plan(people=args.people, teams=teams, seed=args.seed)
    save_plan(plan, args.output)


def _run_summary(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.planfile.read import load_plan
    from salesplanner.summary import scenario_summary

    plan = load_plan(args.plan)
    scenario = plan.scenario_named(args.scenario) if args.scenario else plan.scenarios[plan.baseline]
    data = scenario_summary(plan, scenario)
    if args.json:
        _write_json(data, out)
    else:
        out.write(format_summary(data))


def _write_json(data: Any, out: TextIO) -> None:
    """UTF-8 JSON, two-space indentation, straight to the byte stream when there is one (orjson writes
    a 10,000-person summary in a few milliseconds; the standard library took a third of a second)."""
    import orjson

    content = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(content)
        buffer.flush()
    else:
        out.write(content.decode("utf-8"))


BoardRenderer = Callable[..., str]
"""Draws the board to PNG, SVG or PDF (ui.board.render.render_file); given by the launcher, which may use Qt."""


def _run_render(args: argparse.Namespace, out: TextIO, render_board: BoardRenderer | None) -> None:
    from salesplanner.planfile.read import load_plan

    plan = load_plan(args.plan)
    scenario = plan.scenario_named(args.scenario) if args.scenario else plan.scenarios[plan.baseline]
    suffix = args.output.suffix.lower()
    if suffix == ".pptx":
        from salesplanner.slides import export_slides

        baseline = plan.scenario_named(args.baseline).id if args.baseline else None
        slides = export_slides(plan, args.output, scenario_id=scenario.id, baseline_id=baseline)
        out.write(f"{args.output.name}: {slides} slides\n")
        return
    if suffix not in (".png", ".svg", ".pdf"):
        raise PlanError(f"{args.output.name}: the layout can be written as .png, .svg, .pdf or .pptx")
    if not 0 < args.scale <= MAX_SCALE:  # also refuses NaN, which compares false to everything
        raise PlanError(f"--scale must be above 0 and at most {MAX_SCALE:g}")
    if render_board is None:
        raise PlanError("drawing PNG, SVG or PDF needs the desktop app's libraries (run it as salesplanner render)")
    group_by = None if args.group_by == "none" else args.group_by
    out.write(render_board(plan, scenario.id, args.output, group_by=group_by, scale=args.scale,
                           page_size=args.page_size, per_group=not args.one_page) + "\n")


def _run_compare(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.compare import compare, comparison_to_dict
    from salesplanner.planfile.read import load_plan

    plan = load_plan(args.plan)
    source = plan.scenario_named(args.source) if args.source else plan.scenarios[plan.baseline]
    target = plan.scenario_named(args.target)
    data = {"plan": plan.name, "currency": plan.currency,
            **comparison_to_dict(compare(plan, source.id, target.id))}
    if args.json:
        _write_json(data, out)
    else:
        out.write(format_comparison(data))


def _run_import(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.planfile.write import save_plan
    from salesplanner.roster.build import build_plan_from_roster, read_roster
    from salesplanner.roster.columns import ColumnMapping
    from salesplanner.roster.titles import read_titles, title_counts

    titles = read_titles(args.titles) if args.titles is not None else {}
    table = read_roster(args.roster, sheet=args.sheet)
    mapping = ColumnMapping.guess(table.headers)
    result = build_plan_from_roster(table, mapping, name=args.name, titles=titles)
    save_plan(result.plan, args.output)
    chosen = args.titles.name if args.titles is not None else None
    out.write(format_import_report(result, args.output.name, title_counts(table, mapping), titles, chosen))


if TYPE_CHECKING:
    from salesplanner.roles import Role
    from salesplanner.roster.build import RosterImport
    from salesplanner.roster.titles import TitleCount

MAX_TITLES_SHOWN = 40


def format_import_report(result: RosterImport, output: str, titles: Sequence[TitleCount] = (),
                         chosen: Mapping[str, Role | None] | None = None, chosen_from: str | None = None) -> str:
    """What an import did: counts, the plan's name, what it decided for the whole file, the role each job
    title is read as, every row left out with its reasons, warnings, ignored columns."""
    from salesplanner.roles import DISPLAY_NAMES

    def count(n: int, singular: str, plural: str) -> str:
        return f"{n:,} {singular if n == 1 else plural}"

    openings = f" and {count(result.openings, 'open position', 'open positions')}" if result.openings else ""
    lines = [f"{output}: {count(result.people, 'person', 'people')}{openings} imported into "
             f"{count(result.teams, 'team', 'teams')} ({result.on_bench:,} on the bench)",
             f'Plan name: "{result.plan.name}"']
    lines += [note[:1].upper() + note[1:] + "." for note in result.notes]
    if titles:
        lines.append("Job titles and the role each is read as (choose others with --titles FILE):")
        for title in titles[:MAX_TITLES_SHOWN]:
            explicit = chosen is not None and title.key in chosen
            role = chosen[title.key] if chosen is not None and explicit else title.matched
            source = f" (from {chosen_from})" if explicit and chosen_from else ""
            lines.append(f"  {title.title} ({title.count:,}) → {DISPLAY_NAMES[role] if role else 'bench'}{source}")
        if len(titles) > MAX_TITLES_SHOWN:
            lines.append(f"  … and {count(len(titles) - MAX_TITLES_SHOWN, 'more title', 'more titles')}")
    if result.problems:
        lines.append(f"{count(result.rows_with_problems, 'row', 'rows')} with problems, not imported:")
        lines += [f"  {problem}" for problem in result.problems]
    if result.warnings:
        lines.append(f"{count(len(result.warnings), 'warning', 'warnings')}:")
        lines += [f"  {warning}" for warning in result.warnings]
    if result.ignored_columns:
        lines.append(ignored_columns_text(result.ignored_columns))
    return "\n".join(lines) + "\n"


def ignored_columns_text(columns: Sequence[str]) -> str:
    """The ignored columns in one line: the first ``MAX_SHOWN_IGNORED`` names (long ones cut), then a count."""
    shown = [name if len(name) <= 40 else name[:39] + "…" for name in columns[:MAX_SHOWN_IGNORED]]
    more = len(columns) - len(shown)
    return ("Ignored columns: " + ", ".join(shown)
            + (f" and {more:,} more" if more else ""))


def _run_export(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.planfile.read import load_plan
    from salesplanner.workbook.export import export_workbook

    if args.output.suffix.lower() != ".xlsx":
        raise PlanError(f"{args.output.name}: the workbook must be written as .xlsx")
    plan = load_plan(args.plan)
    scenario = plan.scenario_named(args.scenario) if args.scenario else plan.scenarios[plan.baseline]
    baseline = plan.scenario_named(args.baseline) if args.baseline else None
    export_workbook(plan, args.output, scenario_id=scenario.id, baseline_id=baseline.id if baseline else None)
    changes = f', Changes from "{baseline.name}"' if baseline else ""
    out.write(f'{args.output.name}: scenario "{scenario.name}" — Summary, Teams, Roster, Assumptions{changes}, '
              'Timeline\n')


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None,
         render_board: BoardRenderer | None = None) -> int:
    out = cast(TextIO, _TerminalText(out or sys.stdout))
    err = cast(TextIO, _TerminalText(err or sys.stderr))
    args = _build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            _run_demo(args)
        elif args.command == "summary":
            _run_summary(args, out)
        elif args.command == "render":
            _run_render(args, out, render_board)
        elif args.command == "compare":
            _run_compare(args, out)
        elif args.command == "import":
            _run_import(args, out)
        elif args.command == "export":
            _run_export(args, out)
        elif args.command == "advise":
            _run_advise(args, out)
        else:
            _build_parser().print_help(out)
    except PlanError as error:
        err.write(f"salesplanner: {error}\n")
        return 1
    except BrokenPipeError:  # `salesplanner summary big.salesplan | head` is fine
        return 0
    return 0


# --- the human-readable summary -----------------------------------------------------------------

def _money(value: float, currency: str) -> str:
    return f"{currency} {value:,.0f}"


def _number(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Columns padded to their widest cell; the first ``left`` columns left-aligned, numbers right."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) if i < left else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    return "\n".join([line(headers), line(["─" * w for w in widths]), *(line(r) for r in rows)]) + "\n"


def _ratio(ratio: float | None, verdict: str | None) -> str:
    if verdict is None:
        return "—"
    return f"{_number(ratio, 2)} {verdict}"


def _coverage(coverage: float | None, verdict: str | None) -> str:
    """'85 % short', '—' without a target."""
    from salesplanner.targets import VERDICT_WORDS, TargetVerdict

    if coverage is None or verdict is None:
        return "—"
    return f"{coverage * 100:.0f} % {VERDICT_WORDS[TargetVerdict(verdict)]}"


def _target_rows(totals: dict[str, Any], currency: str) -> list[tuple[str, str, str]]:
    """The organisation's target year: target, expected bookings with coverage, quota capacity."""
    target, expected = totals["target_bookings"], totals["expected_bookings_year"]
    source = {"scenario": "the scenario's target", "teams": "the sum of the teams' targets"}
    rows = [("Target", "—" if target is None else _money(target, currency),
             source.get(totals["target_source"], "no target set"))]
    note = "over the target year, ramp, starts, leaves and attrition included"
    if target is not None and expected < target:
        note = f"short by {_money(target - expected, currency)}"
    rows.append(("Expected bookings", _money(expected, currency), note))
    rows.append(("Coverage", _coverage(totals["target_coverage"], totals["target_verdict"]),
                 "expected ÷ target"))
    rows.append(("Quota capacity", _money(totals["quota_capacity"], currency), "closers' quotas for the target year"))
    return rows


def format_summary(data: dict[str, Any]) -> str:
    """The summary as aligned text for a terminal."""
    totals, currency = data["totals"], data["currency"]
    baseline = " (baseline)" if data["baseline"] else ""
    parts = [f"{data['plan']} — scenario \"{data['scenario']}\"{baseline} · as of {data['as_of']} · "
             f"horizon {data['horizon_months']} months\n\n"]
    parts.append(f"Stage: {data['stage']}\n")
    parts.extend(f"  • {reason}\n" for reason in data["stage_reasons"])
    parts.append(f"  Next: {data['next_stage']}\n\n")

    top = totals["top_closer_share"]
    rows = [
        ("Headcount", f"{totals['headcount']}", f"+ {totals['openings']} open positions"),
        ("Opportunity supply", _number(totals["supply"]), "per month"),
        ("Closing capacity", _number(totals["close_cap"]), "opportunities per month"),
        ("Wins", _number(totals["wins"]), "new customers per month"),
        ("Bookings / year", _money(totals["bookings_year"], currency), ""),
        ("Annual cost", _money(totals["annual_cost"], currency), "people in teams and open positions"),
        ("Cost of sales", _number(totals["cost_of_sales"], 2), "annual cost ÷ bookings per year"),
        ("SDRs per closer", _number(totals["sdr_per_closer"], 2), ""),
        ("Top closers' share", "—" if top is None else f"{top * 100:.0f} %",
         f"closing capacity held by the top {totals['top_closer_count']} (20 %) of closers"),
        ("VP direct reports", f"{totals['vp_span']}", "managers + people in teams without one"),
        ("Balanced teams", f"{totals['teams_balanced']} / {totals['teams'] - totals['teams_without_handoffs']}",
         f"{totals['teams_without_handoffs']} without handoffs yet" if totals["teams_without_handoffs"] else ""),
        ("Bench", f"{totals['bench_people']}",
         f"people, {totals['bench_openings']} open positions, "
         f"{_money(totals['bench_annual_cost'], currency)} known cost"),
        *_target_rows(totals, currency),
    ]
    parts.append("Organisation\n")
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    parts.extend(f"  {label.ljust(width)}  {value.rjust(value_width)}  {note}".rstrip() + "\n"
                 for label, value, note in rows)

    parts.append(f"\nWarnings ({len(data['warnings'])})\n")
    parts.extend(f"  • {warning}\n" for warning in data["warnings"])
    if not data["warnings"]:
        parts.append("  none\n")

    teams = data["teams"]
    parts.append("\nTeams — flows per month\n")
    parts.append(_table(
        ["team", "people", "cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap",
         "worked", "wins", "bookings", "accounts_H", "am_cap"],
        [[t["name"], str(sum(t["members"].values())),
          *(_number(t[k]) for k in ("cap_in", "leads_worked", "opps_in", "opps_out", "supply", "close_cap",
                                    "worked", "wins")),
          _money(t["bookings"], currency), _number(t["accounts_H"]), _number(t["am_cap"])] for t in teams]))
    parts.append("\nTeams — the target year (expected: months 0 … 12 of the timeline, with ramp, starts, leaves "
                 "and attrition)\n")
    parts.append(_table(
        ["team", "target", "expected", "coverage", "quota capacity"],
        [[t["name"], "—" if t["target_bookings"] is None else _money(t["target_bookings"], currency),
          _money(t["expected_bookings_year"], currency), _coverage(t["target_coverage"], t["target_verdict"]),
          _money(t["quota_capacity"], currency)] for t in teams]))
    parts.append("\nTeams — handoffs (load on the receiving role; 1.00 is ideal)\n")
    parts.append(_table(
        ["team", "inbound load", "SDR → closer", "closer → AM", "bottleneck"],
        [[t["name"], *(_ratio(t[h], t["verdicts"][h]) for h in HANDOFFS), t["bottleneck"] or "—"]
         for t in teams]))
    return "".join(parts)


# --- the human-readable comparison --------------------------------------------------------------

def _place(side: dict[str, Any] | None) -> str:
    return "—" if side is None else str(side["label"])


def _signed(value: float, digits: int = 1) -> str:
    return f"{value:+,.{digits}f}" if value else "0"


def _target_change(targets: dict[str, Any], currency: str) -> list[str]:
    """Target, expected bookings, their change and coverage before → after ('—' for a side without the team)."""
    before, after = targets["before"], targets["after"]

    def side(figures: dict[str, Any] | None, show: Callable[[dict[str, Any]], str]) -> str:
        return "—" if figures is None else show(figures)

    def target(figures: dict[str, Any]) -> str:
        return "—" if figures["target_bookings"] is None else _money(figures["target_bookings"], currency)

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
    parts = [f"{data['plan']} — \"{data['from']['name']}\" → \"{data['to']['name']}\" · as of {data['as_of']} · "
             f"leavers counted up to {data['horizon_end']}\n\n"]
    parts.append(f"Stage: {stage['before']} → {stage['after']}{' (changed)' if stage['changed'] else ''}\n\n")

    changes = data["changes"]
    parts.append(f"Changes ({len(changes)})\n")
    if changes:
        rows = []
        for change in changes:
            kinds = [CHANGE_LABELS[ChangeKind(kind)] for kind in change["changes"]]
            rows.append([change["name"], change["id"], ", ".join(kinds), _place(change["from"]), _place(change["to"]),
                         _signed(change["annual_cost_delta"], 0)])
        parts.append(_table(["who", "id", "change", "from", "to", "annual cost"], rows, left=5))
    else:
        parts.append("  none\n")

    leavers = data["leavers"]
    parts.append(f"\nLeaving within the horizon ({len(leavers)})\n")
    if leavers:
        parts.append(_table(["who", "id", "leaves", "from", "to"],
                            [[leaver["name"], leaver["id"], leaver["leave_date"], _place(leaver["from"]),
                              _place(leaver["to"])] for leaver in leavers], left=5))
    else:
        parts.append("  none\n")

    money = {"annual_cost"}
    labels = [("headcount", "Headcount", 0), ("openings", "Open positions", 0), ("fte", "FTE", 1),
              ("effective_fte", "Effective FTE", 1), ("annual_cost", f"Annual cost ({currency})", 0),
              ("supply", "Opportunity supply / month", 1), ("close_cap", "Closing capacity / month", 1),
              ("wins", "Wins / month", 1), ("bookings_year", f"Bookings / year ({currency})", 0)]
    rows = [[label, _number(totals["before"][key], digits), _number(totals["after"][key], digits),
             _signed(totals["delta"][key], digits)] for key, label, digits in labels]
    balanced = totals["teams_balanced"]
    rows.append(["Balanced teams", str(balanced["before"]), str(balanced["after"]),
                 _signed(balanced["after"] - balanced["before"], 0)])
    parts.append("\nOrganisation\n")
    parts.append(_table(["", "before", "after", "change"], rows))

    teams = data["teams"]
    parts.append("\nTeams — change from before to after\n")
    team_rows = []
    for team in teams:
        status = ("added" if team["added"] else "removed" if team["removed"]
                  else f"renamed from {team['name_before']}" if team["renamed"] else "")
        delta = team["delta"]
        team_rows.append([team["name"], status,
                          *(_signed(delta[key], 0 if key in money else digits) for key, _, digits in labels)])
    parts.append(_table(["team", "", "headcount", "openings", "FTE", "effective FTE", "annual cost", "supply",
                         "close_cap", "wins", "bookings/year"], team_rows, left=2))

    parts.append("\nThe target year before → after (expected: months 0 … 12 of the timeline)\n")
    parts.append(_table(
        ["", "target", "expected", "change", "coverage"],
        [[name, *_target_change(targets, currency)]
         for name, targets in [("Organisation", totals["targets"]), *((t["name"], t["targets"]) for t in teams)]]))

    parts.append("\nTeams — handoffs before → after (load on the receiving role; * verdict changed)\n")
    parts.append(_table(
        ["team", "inbound load", "SDR → closer", "closer → AM"],
        [[team["name"], *(f"{_ratio(b['before'], b['verdict_before'])} → {_ratio(b['after'], b['verdict_after'])}"
                          + (" *" if b["verdict_changed"] else "")
                          for b in (team["balances"][h] for h in HANDOFFS))] for team in teams],
        left=4))
    return "".join(parts)


# --- the human-readable advice ------------------------------------------------------------------

if TYPE_CHECKING:
    from salesplanner.model import Plan


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
    when = "today" if data["month"] == 0 else f"at month {data['month']} ({data['date']})"
    parts = [f"{plan} — scenario \"{scenario}\" · every team balanced {when}\n\n"]
    status = {"optimal": "optimal — the fewest hires and moves under these limits",
              "feasible": f"feasible — balances every team; the time ran out before it was proven best "
                          f"(gap {100 * (data['gap'] or 0):.1f} %)",
              "infeasible": "infeasible"}[data["status"]]
    parts.append(f"Status: {status}\n")
    if data["reason"]:
        parts.append(f"  {data['reason']}\n")
    parts.extend(f"  {note}\n" for note in data["notes"])

    def place(side: dict[str, Any]) -> str:
        if side["team"] is None:
            return "bench"
        return f"{teams.get(side['team'], side['team'])} · {DISPLAY_NAMES[Role(side['role'])]}"

    if data["status"] == "infeasible":
        return "".join(parts)
    hires = data["hires"]
    parts.append(f"\nHires ({len(hires)}, {_money(data['hire_cost'], currency)} a year)\n")
    parts.extend(f"  {DISPLAY_NAMES[Role(hire['role'])]} in {teams[hire['team']]}, starting {hire['start_date']}, "
                 f"{_money(hire['annual_cost'], currency)}\n" for hire in hires)
    if not hires:
        parts.append("  none\n")
    moves = data["moves"]
    parts.append(f"\nMoves ({len(moves)})\n")
    parts.extend(f"  {names.get(move['person'], move['person'])} ({move['person']}): {place(move['from'])} → "
                 f"{place(move['to'])}\n" for move in moves)
    if not moves:
        parts.append("  none\n")
    changed = [team for team in data["teams"] if team["status"]["before"] != team["status"]["after"]
               or any(b["before"] != b["after"] for b in team["balances"].values())]
    parts.append("\nTeams that change — handoffs before → after (load on the receiving role; 1.00 is ideal)\n")
    parts.append(_table(
        ["team", "inbound load", "SDR → closer", "closer → AM", "bookings / year"],
        [[team["name"], *(f"{_ratio(b['before'], b['verdict_before'])} → {_ratio(b['after'], b['verdict_after'])}"
                          for b in (team["balances"][h] for h in HANDOFFS)),
          f"{_money(team['bookings_year']['before'], currency)} → {_money(team['bookings_year']['after'], currency)}"]
         for team in changed], left=4) if changed else "  none\n")
    return "".join(parts)
