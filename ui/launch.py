"""Entry point of the ``salesplanner`` command: subcommands run headless, anything else opens the app."""

from __future__ import annotations

import sys

from salesplanner import cli


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    return cli.main(args)
