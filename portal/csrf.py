"""The page a refused form submission gets (settings.CSRF_FAILURE_VIEW): Django's check,
explained in Chinese instead of Django's English debugging page."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
