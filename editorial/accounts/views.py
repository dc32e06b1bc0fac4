"""The account page: who you are on the desk, your password, and your API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core import roles
from editorial.accounts import selectors as account_selectors
from editorial.accounts import services as account_services
from editorial.models import ApiToken


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for",
        max_length=100,
        help_text="For example the script that will use it.",
    )


def account(request, *, form=None, new_key=None, status=200):
    return render(
        request,
        "registration/account.html",
        {
            "tokens": account_selectors.api_tokens_for(user=request.user),
            "form": form or ApiTokenForm(),
            "new_key": new_key,
            "is_editor": roles.is_editor(request.user),
            "is_reviewer": roles.is_reviewer(request.user),
        },
        status=status,
    )


@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return account(request, form=form, status=400)
    try:
        token, key = account_services.api_token_create(
            user=request.user, name=form.cleaned_data["name"], reason="Token created"
        )
    except ValidationError as error:
        form.add_error(None, error)
        return account(request, form=form, status=400)
    # The key is shown on this response only; it is never stored.
    return account(request, new_key={"token": token, "key": key})


@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    try:
        account_services.api_token_revoke(
            token=token, user=request.user, reason="Token revoked"
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("account")
