"""Writes for hearings and responses; see the submodules for the rules."""

from .extraction import response_extract_attachment_text
from .hearings import (
    AdoptionRefused,
    hearing_adoption_approved,
    hearing_conclude,
    hearing_mark_under_consideration,
    hearing_questions_set,
    hearing_request_adoption,
)
from .privacy import contact_details_erase_expired, respondent_erase, respondent_export
from .publication import (
    redaction_remove,
    response_approve,
    response_withhold,
    response_withhold_passage,
)
from .responses import (
    CommentInput,
    HearingClosed,
    ResponseInput,
    SaveConflict,
    SaveResult,
    response_link_request,
    response_links,
    response_new_reference,
    response_save,
    response_save_draft,
    response_submit,
)

__all__ = [
    "AdoptionRefused",
    "CommentInput",
    "HearingClosed",
    "ResponseInput",
    "SaveConflict",
    "SaveResult",
    "contact_details_erase_expired",
    "hearing_adoption_approved",
    "hearing_request_adoption",
    "hearing_conclude",
    "hearing_mark_under_consideration",
    "hearing_questions_set",
    "redaction_remove",
    "respondent_erase",
    "respondent_export",
    "response_approve",
    "response_extract_attachment_text",
    "response_link_request",
    "response_links",
    "response_new_reference",
    "response_save",
    "response_save_draft",
    "response_submit",
    "response_withhold",
    "response_withhold_passage",
]
