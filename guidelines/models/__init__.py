from .goals import Goal
from .pages import PathwayIndexPage, PathwayPage, ProposalIndexPage, RevisionProposalPage
from .subscriptions import Subscription
from .versions import PathwayChange, PathwayVersion
from .workflow import FourEyesApprovalTask

__all__ = [
    "FourEyesApprovalTask",
    "Goal",
    "PathwayChange",
    "PathwayIndexPage",
    "PathwayPage",
    "PathwayVersion",
    "ProposalIndexPage",
    "RevisionProposalPage",
    "Subscription",
]
