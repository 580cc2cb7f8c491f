"""Start Sales Planner: ``python main.py [PLAN]`` (the same as the ``salesplanner`` command)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
