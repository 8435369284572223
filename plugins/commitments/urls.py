from django.urls import path

from .views import ledger, member, pledges, review, transfer

app_name = "commitments"

urlpatterns = [
    path("", ledger.ledger, name="ledger"),
    path("export.xlsx", ledger.export_xlsx, name="export"),
    path("import/", transfer.import_view, name="import"),
    path("import/template.xlsx", transfer.import_template, name="import_template"),
    path("pledges/<int:pk>/", pledges.pledge_detail, name="pledge"),
    path("pledges/<int:pk>/print/", pledges.pledge_print, name="print"),
    path("pledges/<int:pk>/word.docx", pledges.pledge_word, name="docx"),
    path("pledges/<int:pk>/edit/", member.edit_pledge, name="edit"),
    path("pledges/<int:pk>/self-assessment/", member.self_assessment, name="self_assessment"),
    path("pledges/<int:pk>/comment/", review.comment, name="comment"),
    path("items/<int:pk>/progress/", member.record_progress, name="progress"),
    path("evidence/<int:pk>/", pledges.evidence_file, name="evidence"),
    path("my/", member.my_pledges, name="my"),
    path("my/start/", member.start_pledge, name="start"),
    path("review/", review.review_list, name="review"),
    path("review/<int:pk>/", review.review_revision, name="review_revision"),
]
