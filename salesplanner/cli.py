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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from salesplanner import i18n
from salesplanner.i18n import msg, msg_n, tr
from salesplanner.model import PlanError

SUBCOMMANDS = ("demo", "summary", "render", "compare", "import", "export", "advise")
MAX_SYNTHETIC_PEOPLE = 200_000
"""The largest synthetic plan ``demo`` writes: as many people as a roster may have."""
MAX_SYNTHETIC_TEAMS = 10_000
MAX_SCALE = 8.0

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
        super().__init__(option_strings, dest, nargs=0, help=tr("print the version and exit"))

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: str | Sequence[Any] | None, option_string: str | None = None) -> None:
        from salesplanner.about import version

        sys.stdout.write(f"{parser.prog} {version()}\n")
        parser.exit()


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="salesplanner",
        description=tr("Design a sales organisation: market teams, capacity and handoff balance. Without a "
                       "subcommand, opens the app on PLAN (or on the bundled demo plan)."))
    parser.add_argument("--version", action=_PrintVersion)
    parser.add_argument("--lang", choices=i18n.available_languages(),
                        help=tr("language of the text printed (default: the system's); JSON stays English"))
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    plan_file, scenario_name = tr("plan file (.salesplan)"), tr("scenario name (default: the baseline)")
    as_json = tr("print one JSON object instead of tables")

    demo = commands.add_parser("demo", help=tr("write the bundled demo plan, or a synthetic plan of any size"))
    demo.add_argument("-o", "--output", required=True, type=Path, help=tr("plan file to write"))
    demo.add_argument("--people", type=int, help=tr("write a synthetic plan with this many people"))
    demo.add_argument("--teams", type=int, help=tr("number of teams of the synthetic plan (default people/20)"))
    demo.add_argument("--seed", type=int, default=1, help=tr("random seed: same seed, same file (default 1)"))

    summary = commands.add_parser("summary", help=tr("stage, organisation figures, warnings and every team"))
    summary.add_argument("plan", type=Path, help=plan_file)
    summary.add_argument("--scenario", help=scenario_name)
    summary.add_argument("--json", action="store_true", help=as_json)

    render = commands.add_parser("render", help=tr("the team layout as PNG, SVG, PDF or PowerPoint, without a window"))
    render.add_argument("plan", type=Path, help=plan_file)
    render.add_argument("-o", "--output", required=True, type=Path, help=tr("out.png, out.svg, out.pdf or out.pptx"))
    render.add_argument("--scenario", help=scenario_name)
    render.add_argument("--group-by", choices=("segment", "product_line", "geography", "none"), default="segment",
                        help=tr("swimlanes of the board (PNG, SVG, PDF); default segment"))
    render.add_argument("--scale", type=float, default=2.0, help=tr("PNG resolution as a multiple (default 2)"))
    render.add_argument("--page-size", choices=("a4", "letter"), default="a4", help=tr("PDF page size (landscape)"))
    render.add_argument("--one-page", action="store_true", help=tr("PDF: the whole board on one page"))
    render.add_argument("--baseline", help=tr("PowerPoint: add the changes from this scenario"))

    compare = commands.add_parser("compare", help=tr("what changes from one scenario to another: people, openings, "
                                                     "cost, capacity, handoffs and stage"))
    compare.add_argument("plan", type=Path, help=plan_file)
    compare.add_argument("--from", dest="source", help=tr("scenario compared from (default: the baseline)"))
    compare.add_argument("--to", dest="target", required=True, help=tr("scenario compared to"))
    compare.add_argument("--json", action="store_true", help=as_json)

    roster = commands.add_parser("import", help=tr("a roster (CSV or XLSX) as a new plan: bench or teams as it says"))
    roster.add_argument("roster", type=Path, help=tr("roster.csv or roster.xlsx"))
    roster.add_argument("-o", "--output", required=True, type=Path, help=tr("plan file to write (.salesplan)"))
    roster.add_argument("--sheet", help=tr("the workbook's sheet to read (default: Roster, else the first)"))
    roster.add_argument("--name", help=tr("the plan's name (default: the company of the roster's e-mail addresses, "
                                          "else of the file name: \"Nordvik sales plan\")"))
    roster.add_argument("--titles", type=Path, metavar="FILE",
                        help=tr("CSV with the columns title,role: the role of each job title named there (ae, am, "
                                "sdr_outbound, … or bench), over the matcher's"))

    export = commands.add_parser("export", help=tr("the planning workbook (.xlsx) of a scenario, with live formulas"))
    export.add_argument("plan", type=Path, help=plan_file)
    export.add_argument("-o", "--output", required=True, type=Path, help=tr("workbook to write (.xlsx)"))
    export.add_argument("--scenario", help=scenario_name)
    export.add_argument("--baseline", help=tr("scenario to compare with on a Changes sheet (default: none)"))

    advise = commands.add_parser("advise", help=tr("the fewest hires and moves that balance every team "
                                                   "(docs/model.md §10)"))
    advise.add_argument("plan", type=Path, help=plan_file)
    advise.add_argument("--scenario", help=scenario_name)
    hires = advise.add_mutually_exclusive_group()
    hires.add_argument("--no-hires", action="store_true", help=tr("suggest no hires"))
    hires.add_argument("--max-hires", type=int, metavar="N", help=tr("suggest at most N hires"))
    advise.add_argument("--role-changes", action="store_true",
                        help=tr("allow role changes (a role change counts as 3 moves)"))
    advise.add_argument("--same-geography", action="store_true",
                        help=tr("move people only between teams of the same geography"))
    advise.add_argument("--lock", nargs="+", default=[], metavar="ID",
                        help=tr("people or teams (ids) to keep as they are"))
    advise.add_argument("--at-month", type=int, default=0, metavar="M",
                        help=tr("balanced at month M of the timeline (default 0: today)"))
    advise.add_argument("--time-limit", type=float, default=30.0, metavar="S",
                        help=tr("seconds to search (default 30)"))
    advise.add_argument("--json", action="store_true", help=tr("print one JSON object instead of text"))
    advise.add_argument("-o", "--output", type=Path,
                        help=tr("write a copy of the plan with the suggestion as a new scenario"))
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
            raise PlanError(msg('--lock: scenario "{scenario}" has no person, opening or team with id {id}',
                                scenario=scenario.name, id=item))
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
        from salesplanner.report import format_advice, members_named

        out.write(format_advice(plan.name, scenario.name, plan.currency, advice_to_dict(advice), members_named(plan)))
        if written is not None:
            suggestion = msg('{file}: the suggestion is scenario "{scenario}" (salesplanner summary {file} '
                             '--scenario "{scenario}")', file=args.output.name, scenario=written)
            out.write(f"\n{suggestion}\n")


def _run_demo(args: argparse.Namespace) -> None:
    from salesplanner.planfile.write import save_plan
    from salesplanner.resources import load_demo_plan

    if args.people is None:
        if args.teams is not None:
            raise PlanError(msg("--teams needs --people (the bundled demo plan has a fixed size)"))
        plan = load_demo_plan()
    else:
        from salesplanner.synthetic import synthetic_plan

        teams = args.teams if args.teams is not None else max(1, args.people // 20)
        if not 0 <= args.people <= MAX_SYNTHETIC_PEOPLE:
            raise PlanError(msg("--people must be between 0 and {most}", most=MAX_SYNTHETIC_PEOPLE))
        if not 1 <= teams <= MAX_SYNTHETIC_TEAMS:
            raise PlanError(msg("--teams must be between 1 and {most}", most=MAX_SYNTHETIC_TEAMS))
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
        from salesplanner.report import format_summary

        out.write(format_summary(data))


def _write_json(data: Any, out: TextIO) -> None:
    """UTF-8 JSON for scripts, two-space indentation, straight to the byte stream when there is one (orjson
    writes a 10,000-person summary in a few milliseconds; the standard library took a third of a second).
    Keys, values and sentences are English whatever ``--lang`` says, so a script reads the same output on
    every machine."""
    import orjson

    with i18n.speaking(i18n.SOURCE_LANGUAGE):
        # Messages (dataclasses, which orjson would write field by field) become their English sentences.
        content = orjson.dumps(data, default=str, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE
                               | orjson.OPT_PASSTHROUGH_DATACLASS)
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(content)
        buffer.flush()
    else:
        out.write(content.decode("utf-8"))


def language_asked(arguments: Sequence[str]) -> str | None:
    """The language ``--lang`` names (before the parser exists: its help is written in it), or None for the
    system's. A language without a catalogue is left to the parser to refuse."""
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif argument.startswith("--lang="):
            value = argument.partition("=")[2]
        else:
            continue
        return value if value in i18n.available_languages() else None
    return None


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
        out.write(str(msg_n("{file}: {n} slide", "{file}: {n} slides", n=slides, file=args.output.name)) + "\n")
        return
    if suffix not in (".png", ".svg", ".pdf"):
        raise PlanError(msg("{file}: the layout can be written as .png, .svg, .pdf or .pptx", file=args.output.name))
    if not 0 < args.scale <= MAX_SCALE:  # also refuses NaN, which compares false to everything
        raise PlanError(msg("--scale must be above 0 and at most {most}", most=MAX_SCALE))
    if render_board is None:
        raise PlanError(msg("drawing PNG, SVG or PDF needs the desktop app's libraries (run it as salesplanner "
                            "render)"))
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
        from salesplanner.report import format_comparison

        out.write(format_comparison(data))


def _run_import(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.planfile.write import save_plan
    from salesplanner.report import format_import_report
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


def _run_export(args: argparse.Namespace, out: TextIO) -> None:
    from salesplanner.planfile.read import load_plan
    from salesplanner.workbook.export import export_workbook

    if args.output.suffix.lower() != ".xlsx":
        raise PlanError(msg("{file}: the workbook must be written as .xlsx", file=args.output.name))
    plan = load_plan(args.plan)
    scenario = plan.scenario_named(args.scenario) if args.scenario else plan.scenarios[plan.baseline]
    baseline = plan.scenario_named(args.baseline) if args.baseline else None
    export_workbook(plan, args.output, scenario_id=scenario.id, baseline_id=baseline.id if baseline else None)
    from salesplanner.workbook.book import SHEET_NAMES

    sheets = ", ".join(str(name) for key, name in SHEET_NAMES.items() if key != "Changes" or baseline)
    written = msg('{file}: scenario "{scenario}" — {sheets}', file=args.output.name, scenario=scenario.name,
                  sheets=sheets)
    if baseline:
        written = msg('{file}: scenario "{scenario}" — {sheets} (changes from "{baseline}")', file=args.output.name,
                      scenario=scenario.name, sheets=sheets, baseline=baseline.name)
    out.write(f"{written}\n")


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None,
         render_board: BoardRenderer | None = None) -> int:
    out = cast(TextIO, _TerminalText(out or sys.stdout))
    err = cast(TextIO, _TerminalText(err or sys.stderr))
    arguments = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(language_asked(arguments))
    args = _build_parser().parse_args(arguments)
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
