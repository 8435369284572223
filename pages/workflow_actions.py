"""What happens when the Art. 15 workflow completes.

Wagtail's default publishes as the last approver and so demands that approvers
hold the publish permission -- which would also let them publish their own
drafts directly, skipping 保密审查. Here the completed workflow is the
authority: the revision is published on its behalf and logged against the
approver, and no staff group needs the publish permission at all.
"""


def publish_approved_revision(workflow_state, user=None):
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)
