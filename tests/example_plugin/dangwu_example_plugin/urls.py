from django.http import HttpResponse
from django.urls import path

app_name = "dangwu_example_plugin"


def index(request):
    return HttpResponse("示例插件正常工作", content_type="text/plain; charset=utf-8")


urlpatterns = [path("", index, name="index")]
