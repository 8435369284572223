from django.urls import path

from .views import dashboards, evaluations, export, records

app_name = "meetings"

urlpatterns = [
    path("", dashboards.index, name="index"),
    path("overview/", dashboards.overview, name="overview"),
    path("org/<int:org_id>/", dashboards.organisation, name="organisation"),
    path("org/<int:org_id>/new/", records.create, name="create"),
    path("record/<int:pk>/", records.detail, name="detail"),
    path("record/<int:pk>/edit/", records.edit, name="edit"),
    path("record/<int:pk>/print/", records.print_view, name="print"),
    path("record/<int:pk>/evaluate/", evaluations.evaluate, name="evaluate"),
    path("attachment/<int:pk>/", records.attachment, name="attachment"),
    path("retained/<int:pk>/", records.retained, name="retained"),
    path("export.xlsx", export.export_xlsx, name="export"),
]
