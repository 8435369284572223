"""The 观察评价表: an observer rates one meeting on 组织领导 / 活动质量 / 活动效果."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from .. import scope
from ..forms import ObserverEvaluationForm
from ..models import MeetingRecord, ObserverGroup
from .common import NOT_FOUND, deny


@login_required
def evaluate(request, pk):
    record = get_object_or_404(MeetingRecord.objects.select_related("organisation"), pk=pk)
    if not scope.can_evaluate(request.user, record):
        if not scope.can_view_record(request.user, record):
            raise Http404(NOT_FOUND)
        return deny(request, "只有本年度派驻该党组织的观察小组成员才能填写观察评价表。")
    group = ObserverGroup.objects.filter(organisation=record.organisation, year=record.year,
                                         members=request.user).first()
    form = ObserverEvaluationForm(request.POST or None, record=record, evaluator=request.user,
                                  group=group)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "观察评价已提交，并已反馈给被观摩的党组织。")
        return redirect("meetings:detail", pk=record.pk)
    return render(request, "meetings/evaluation_form.html",
                  {"form": form, "record": record, "org": record.organisation, "group": group})
