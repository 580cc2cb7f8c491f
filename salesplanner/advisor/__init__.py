"""The advisor: the fewest hires and moves that balance every team (docs/model.md §10)."""

from salesplanner.advisor.advise import AdvisorError, advise, evaluate, unbalanced
from salesplanner.advisor.solve import SearchCancelledError
from salesplanner.advisor.types import Advice, AdviceOptions, Move, Status, SuggestedHire, TeamOutcome

__all__ = ["Advice", "AdviceOptions", "AdvisorError", "Move", "SearchCancelledError", "Status", "SuggestedHire",
           "TeamOutcome", "advise", "evaluate", "unbalanced"]
