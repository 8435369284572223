"""The Art. 15 procedure's approval step, with separation of duties.

Wagtail's GroupApprovalTask lets anyone in the group act on a task, including
the person who submitted the page. The 条例 requires that review and approval
are done by someone else, so this task offers no actions to the submitter or
to the author of the revision under review, and refuses them if forced.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import AbstractGroupApprovalTask


class SeparateApprovalTask(AbstractGroupApprovalTask):
    @staticmethod
    def _involved_user_ids(workflow_state, revision=None):
        ids = {workflow_state.requested_by_id}
        if revision is None and workflow_state.current_task_state:
            revision = workflow_state.current_task_state.revision
        if revision is not None and revision.user_id:
            ids.add(revision.user_id)
        return ids

    def is_own_submission(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        return bool(state and user.pk in self._involved_user_ids(state))

    def get_actions(self, obj, user):
        if self.is_own_submission(obj, user):
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and user.pk in self._involved_user_ids(
            task_state.workflow_state, task_state.revision
        ):
            raise PermissionDenied("不能审核或审批本人提交的内容。")
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return "由所选用户组成员审核；提交人和修改人本人不能审核或审批。"

    class Meta:
        verbose_name = "审核任务（提交人不得自审）"
        verbose_name_plural = "审核任务（提交人不得自审）"
