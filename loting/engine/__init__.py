"""Django-free sortition engine for the Gronings model.

Public API (see README.md for the randomness specification):

* randomness: :class:`SeedStream`, :func:`seed_commitment`, :func:`verify_commitment`,
  :func:`combine_seed_parts`
* invitation draw: :class:`RegisterEntry`, :func:`invitation_draw`,
  :func:`largest_remainder_allocation`
* uniform draw: :class:`SequentialDraw`, :func:`uniform_draw`
* quota selection: :class:`Quota`, :class:`Person`, :class:`SelectionProblem`,
  :func:`find_distribution`, :func:`draw_from_distribution`, :func:`select_panel`
* reports: :func:`selection_report`, :func:`probabilities_by_feature_value`, :func:`gini`
* bundles: :func:`selection_bundle`, :func:`invitation_bundle`, :func:`uniform_bundle`,
  :func:`verify_bundle`
* errors: :class:`LotingError`, :class:`InputError`, :class:`InfeasibleQuotasError`
"""

from . import cli
from .bundle import (
    VerificationResult,
    invitation_bundle,
    selection_bundle,
    uniform_bundle,
    verify_bundle,
)
from .csvio import people_from_rows, quotas_from_rows, read_people, read_quotas
from .errors import InfeasibleQuotasError, InputError, LotingError, QuotaRelaxation
from .invitation import (
    InvitationDraw,
    RegisterEntry,
    StratumDraw,
    invitation_draw,
    largest_remainder_allocation,
)
from .reports import (
    QuotaRow,
    SelectionReport,
    gini,
    probabilities_by_feature_value,
    selection_report,
)
from .rng import SeedStream, combine_seed_parts, seed_commitment, verify_commitment
from .selection import (
    ALGORITHMS,
    Distribution,
    PanelComposition,
    Person,
    PersonType,
    Quota,
    SelectionProblem,
    SelectionResult,
    draw_from_distribution,
    find_distribution,
    select_panel,
)
from .uniform import SequentialDraw, UniformDrawResult, uniform_draw
from .version import BUNDLE_FORMAT, ENGINE_VERSION

__all__ = [
    "ALGORITHMS",
    "BUNDLE_FORMAT",
    "ENGINE_VERSION",
    "Distribution",
    "InfeasibleQuotasError",
    "InputError",
    "InvitationDraw",
    "LotingError",
    "PanelComposition",
    "Person",
    "PersonType",
    "Quota",
    "QuotaRelaxation",
    "QuotaRow",
    "RegisterEntry",
    "SeedStream",
    "SelectionProblem",
    "SelectionReport",
    "SelectionResult",
    "SequentialDraw",
    "StratumDraw",
    "UniformDrawResult",
    "VerificationResult",
    "cli",
    "combine_seed_parts",
    "draw_from_distribution",
    "find_distribution",
    "gini",
    "invitation_bundle",
    "invitation_draw",
    "largest_remainder_allocation",
    "people_from_rows",
    "probabilities_by_feature_value",
    "quotas_from_rows",
    "read_people",
    "read_quotas",
    "seed_commitment",
    "select_panel",
    "selection_bundle",
    "selection_report",
    "uniform_bundle",
    "uniform_draw",
    "verify_bundle",
    "verify_commitment",
]
