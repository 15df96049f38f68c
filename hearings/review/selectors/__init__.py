"""Every number and list the review workspace shows, read from the analysis tables.

Counts follow the invariants in ``hearings.models.analysis``: only ``is_effective`` goal and theme
rows count, a reviewer's row always wins, and passages marked "not relevant" drop out of the
goal and theme figures (they stay visible in the passage list). Each figure can be traced to the
passages behind it through :func:`passages_filtered`.
"""

from .common import (  # noqa: F401
    CONFIDENCE_BANDS,
    DEFAULT_GOAL_TITLES,
    STANCES,
    _text_key,
    goal_titles,
    review_hearings,
    submitted_responses,
    user_can_review,
)
from .counts import (  # noqa: F401
    effective_goal_labels,
    goal_passage_counts,
    goal_question_matrix,
    hearing_pathways,
    passage_evidence_segments,
    passage_goals,
    response_counts_by_category,
    response_counts_by_day,
    response_totals,
    stance_counts,
    stance_counts_per_pathway,
)
from .history import history_detail, passage_history, stance_label  # noqa: F401
from .passages import (  # noqa: F401
    Agreement,
    TextMatches,
    hearing_adopted_versions,
    hearing_change_links,
    machine_agreement,
    passage_in_context,
    passage_list_rows,
    passage_text_matches,
    passages_filtered,
    publishable_responses,
    quotable,
    response_flags,
    response_open_flag_count,
    response_redaction_rows,
    responses_with_open_flags,
    review_progress,
    review_queue,
    source_text,
    version_sections,
)
from .themes import (  # noqa: F401
    _WORD,
    comparable_hearings,
    compare_rounds,
    current_themes,
    default_comparison,
    effective_theme_links,
    goal_stance_by_category,
    goal_themes,
    hearings_with_themes,
    passage_theme,
    theme_examples,
    theme_terms,
)
