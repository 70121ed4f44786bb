"""Django-free tally engine for idea rounds (participatory budgeting).

Public API (see ``README.md`` in this folder)::

    from stemmen.telling import Election, Project, Ballots, SubBudget, tally, tally_arrays
"""

from stemmen.telling.model import Ballots, Election, Money, Project, SubBudget, VoteType, to_money
from stemmen.telling.outcome import Explanation, Outcome
from stemmen.telling.tally import RULES, RuleName, TallyOptions, tally, tally_arrays

__all__ = [
    "RULES",
    "Ballots",
    "Election",
    "Explanation",
    "Money",
    "Outcome",
    "Project",
    "RuleName",
    "SubBudget",
    "TallyOptions",
    "VoteType",
    "tally",
    "tally_arrays",
    "to_money",
]
