"""Entry point of the ``salesplanner`` command: subcommands run headless, anything else opens the app.

Nothing here imports Qt, so ``salesplanner summary`` starts without loading it.
"""

from __future__ import annotations

import sys

from salesplanner import cli


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and (args[0] in cli.SUBCOMMANDS or args[0].startswith("-")):
        return cli.main(args)
    if len(args) > 1:
        return cli.main(args)  # argparse explains the usage
    from ui.app import run

    return run(args[0] if args else None)
