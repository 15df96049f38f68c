from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


class FourEyesApprovalTask(AbstractGroupApprovalTask):
    """Group approval where the person who submitted a change can never approve it.

    The directorate's four-eyes rule: a substantive change to a pathway is published only after
    a second editor has approved it.
    """

    @staticmethod
    def _is_requester(obj, user) -> bool:
        state = getattr(obj, "current_workflow_state", None)
        return bool(state and user and state.requested_by_id == user.pk)

    def get_actions(self, obj, user):
        if self._is_requester(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(_("Du kan ikke godkjenne en endring du selv har sendt inn."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("En annen redaktør enn den som sendte inn må godkjenne")

    class Meta:
        verbose_name = _("godkjenning av en annen redaktør")
        verbose_name_plural = _("godkjenninger av en annen redaktør")
