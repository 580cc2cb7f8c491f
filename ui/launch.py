"""Entry point of the ``salesplanner`` command: subcommands run headless, anything else opens the app.

Nothing here imports Qt, so ``salesplanner summary`` starts without loading it.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from salesplanner import cli


def _render_board(*args: Any, **kwargs: Any) -> str:
    """``salesplanner render`` for PNG, SVG and PDF: Qt draws the board offscreen, no window or display, in
    the command line's language."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from salesplanner import i18n
    from ui.app import create_application
    from ui.board.render import render_file

    create_application(language=i18n.current().code)
    return render_file(*args, **kwargs)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    language = None
    if args[:1] == ["--lang"] and len(args) >= 2 and (len(args) == 2 or (args[2] not in cli.SUBCOMMANDS
                                                      and not args[2].startswith("-"))):
        language, args = cli.language_asked(args[:2]), args[2:]  # `salesplanner --lang da [PLAN]`: the app
    if args and (args[0] in cli.SUBCOMMANDS or args[0].startswith("-")):
        return cli.main(args, render_board=_render_board)
    if len(args) > 1:
        return cli.main(args)  # argparse explains the usage
    from ui.app import run

    return run(args[0] if args else None, language=language)


if __name__ == "__main__":
    sys.exit(main())
