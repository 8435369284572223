"""Public pages: the campaign list, the review form, the thank-you page and the 通报."""

from captcha.views import captcha_image as simple_captcha_image
from django.db import transaction
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from members.membership import is_party_member

from .. import conf
from ..charts import level_share_chart, satisfaction_chart
from ..constants import (
    CATEGORY_MEMBER,
    CHANNEL_DEVICE,
    COMMENT_APPROVED,
    MODE_CODE,
    MODE_MEMBERS_ONLY,
)
from ..forms import ReviewForm
from ..identity import (
    new_device_token,
    read_device_token,
    respondent_for,
    set_device_cookie,
)
from ..models import OPEN, UPCOMING, Campaign, RefusedAttempt, Response
from ..submission import DUPLICATE_MESSAGE, Refused, record_response
from ..tallies import build_statistics
from ..visibility import can_read_results, is_results_staff, published_for, scope_of


def _campaign(slug):
    return get_object_or_404(
        Campaign.objects.prefetch_related("targets", "criteria"), slug=slug)


def _notice(request, campaign, title, message, status=200, login_link=False):
    """A clear page without a form: closed, not yet open, refused, too large..."""
    return render(request, "reviews/notice.html", {
        "campaign": campaign, "title": title, "message": message, "login_link": login_link,
    }, status=status)


# -- list ---------------------------------------------------------------------------------------
@require_GET
def index(request):
    now = timezone.now()
    campaigns = list(Campaign.objects.filter(closes_at__gt=now).order_by("opens_at"))
    results = list(published_for(request.user).order_by("-results_published_at")[:20])
    return render(request, "reviews/index.html", {
        "open_campaigns": [c for c in campaigns if c.status(now) == OPEN],
        "upcoming_campaigns": [c for c in campaigns if c.status(now) == UPCOMING],
        "results": [(c, scope_of(c)) for c in results],
    })


# -- the form ----------------------------------------------------------------------------------
@csrf_exempt  # checked in _refuse_post, after the size and rate checks
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def campaign_form(request, slug):
    campaign = get_object_or_404(Campaign.objects.prefetch_related("targets", "criteria"),
                                 slug=slug)
    if request.method == "POST":
        refusal = _refuse_post(request, campaign)
        if refusal is not None:
            return refusal

    status = campaign.status()
    refused_status = 403 if request.method == "POST" else 200
    if status == UPCOMING:
        return _notice(request, campaign, "评议尚未开始",
                       f"本次评议将于{timezone.localtime(campaign.opens_at):%Y年%-m月%-d日 %H:%M}开始，"
                       "届时欢迎参加。", status=refused_status)
    if status != OPEN:
        return _notice(request, campaign, "评议已经结束",
                       f"本次评议已于{timezone.localtime(campaign.closes_at):%Y年%-m月%-d日 %H:%M}截止，"
                       "不再接受提交。评议结果将按规定范围通报。", status=refused_status)

    anonymous = not is_party_member(request.user)
    if anonymous and campaign.public_mode == MODE_MEMBERS_ONLY:
        return _notice(request, campaign, "本次评议仅限党员参加",
                       "请使用党员账户登录后参加评议。", status=refused_status, login_link=True)

    new_token = None
    if anonymous and campaign.public_mode != MODE_CODE and not read_device_token(request):
        if request.method == "POST":
            return _notice(request, campaign, "无法识别您的设备",
                           "请允许浏览器保存Cookie，然后返回评议页面刷新后重新填写。", status=400)
        new_token = new_device_token()

    if not new_token and (not anonymous or campaign.public_mode != MODE_CODE):
        respondent = respondent_for(request, campaign)
        if Response.objects.filter(campaign=campaign,
                                   respondent_key=respondent.key(campaign)).exists():
            if request.method == "POST":
                RefusedAttempt.objects.create(campaign=campaign, reason="duplicate")
            return _notice(request, campaign, "您已参加过本次评议", DUPLICATE_MESSAGE,
                           status=409 if request.method == "POST" else 200)

    form_kwargs = {"anonymous": anonymous, "code_mode": campaign.public_mode == MODE_CODE}
    status_code = 200
    refusal_message = ""
    if request.method == "POST":
        form = ReviewForm(campaign, data=request.POST, **form_kwargs)
        # One transaction (one commit) for the captcha check, the code claim and the response.
        with transaction.atomic():
            valid = form.is_valid()
            if valid:
                try:
                    respondent = respondent_for(request, campaign,
                                                form.cleaned_data.get("code", ""))
                    category = form.cleaned_data.get("category") or CATEGORY_MEMBER
                    record_response(campaign, respondent, category, form.levels_by_target(),
                                    comment=form.cleaned_data.get("comment", ""),
                                    phone=form.cleaned_data.get("contact_phone", ""))
                except Refused as refused:
                    if refused.reason == "duplicate":
                        return _notice(request, campaign, "您已参加过本次评议", refused.message,
                                       status=409)
                    refusal_message = refused.message
                    status_code = 409 if refused.reason == "code_used" else 400
                    form.add_error("code" if "code" in form.fields else None, refused.message)
        if valid and not refusal_message:
            return redirect("reviews:thanks", slug=campaign.slug, permanent=False)
        if not valid:
            status_code = 400
    else:
        form = ReviewForm(campaign, **form_kwargs)

    response = render(request, "reviews/form.html", {
        "campaign": campaign, "form": form, "anonymous": anonymous,
        "refusal_message": refusal_message, "code_mode": form_kwargs["code_mode"],
        "device_mode": anonymous and respondent_for(request, campaign).channel == CHANNEL_DEVICE,
    }, status=status_code)
    if new_token:
        set_device_cookie(response, request, new_token)
    return response


def _refuse_post(request, campaign):
    """Size, rate and CSRF checks, in that order, before anything is read or stored."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    limit = conf.max_body_bytes()
    if length > limit:
        return _notice(request, campaign, "提交内容过大",
                       f"提交的内容超过了{limit // 1024}KB的上限，未被接收。请精简意见建议后重新提交。",
                       status=413)
    if is_ratelimited(request, group="reviews:submit", key="ip", rate=conf.submit_rate(),
                      method="POST", increment=True):
        return _notice(request, campaign, "提交过于频繁",
                       "同一网络的提交次数过多，请稍后再试。", status=429)
    # Django's own check, run here rather than before the view so that the size and rate
    # checks come first; a refusal is settings.CSRF_FAILURE_VIEW's page (403).
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})


@require_GET
def thanks(request, slug):
    campaign = _campaign(slug)
    return render(request, "reviews/thanks.html", {"campaign": campaign})


@never_cache
@require_GET
def captcha_image(request, key):
    return simple_captcha_image(request, key, scale=1)


# -- results -----------------------------------------------------------------------------------
@never_cache
@require_GET
def results(request, slug):
    campaign = _campaign(slug)
    user = request.user
    if not can_read_results(user, campaign):
        if campaign.is_published and campaign.is_closed:
            raise Http404("没有找到该通报")  # outside its scope: as if it did not exist
        if not campaign.is_closed:
            return _notice(request, campaign, "评议正在进行",
                           "评议结束并经审核后，结果将按规定范围通报。")
        return _notice(request, campaign, "结果尚未发布", "评议结果正在统计审核，发布后可在此查看。")
    stats = build_statistics(campaign)
    rows = stats.rows
    return render(request, "reviews/results.html", {
        "campaign": campaign,
        "scope": scope_of(campaign),
        "stats": stats,
        "charts": [level_share_chart(table.rows, f"{table.label}评议各等次占比")
                   for table in stats.tables]
                  + [satisfaction_chart(table.rows, campaign.flag_threshold,
                                        f"{table.label}满意率排名") for table in stats.tables],
        "rectifications": campaign.rectifications.select_related("target"),
        "comments": campaign.comments.filter(status=COMMENT_APPROVED).order_by("created_at"),
        "staff_preview": not campaign.is_published,
        "is_staff": is_results_staff(user),
        "has_rows": bool(rows),
    })
