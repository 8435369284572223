from django.http import HttpResponse
from django.urls import path

app_name = "dangwu_example_plugin"


def index(request):
    if request.user.is_authenticated:
        import audit

        from .plugin import VISIT_ACTION

        audit.log(request, VISIT_ACTION, target="示例插件", detail=request.get_full_path())
    return HttpResponse("示例插件正常工作", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", index, name="index")]
