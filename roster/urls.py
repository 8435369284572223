"""Admin URLs (mounted under /admin/roster-files/ by wagtail_hooks)."""

from django.urls import path

from . import views

app_name = "roster"

urlpatterns = [
    path("import/", views.import_upload, name="import"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("export/", views.export_form, name="export_form"),
    path("export/file/", views.export, name="export"),
]
