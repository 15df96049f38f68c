from .adoption import ProposalAdoption
from .pages import HearingIndexPage, HearingPage, HearingProposal, HearingQuestion, StakeholderGroup
from .privacy import PersonalDataLog
from .responses import (
    Answer,
    Category,
    PathwayComment,
    PublicationChoice,
    Redaction,
    RedactionReason,
    RespondentKind,
    Response,
    ResponseStatus,
    ReviewStatus,
    Stance,
)

__all__ = [
    "Answer",
    "Category",
    "HearingIndexPage",
    "HearingPage",
    "HearingProposal",
    "HearingQuestion",
    "PathwayComment",
    "PersonalDataLog",
    "ProposalAdoption",
    "PublicationChoice",
    "Redaction",
    "RedactionReason",
    "RespondentKind",
    "Response",
    "ResponseStatus",
    "ReviewStatus",
    "Stance",
    "StakeholderGroup",
]
