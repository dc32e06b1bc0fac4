"""The desk's roles: who may do what. Services and views both ask here."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

EDITORS = "Editors"
REVIEWERS = "Reviewers"
SYSTEM_USERNAME = "system"


def ensure_groups() -> None:
    """The desk's groups exist (a migration creates them; a flushed test database may not have them)."""
    from django.contrib.auth.models import Group

    for name in (EDITORS, REVIEWERS):
        Group.objects.get_or_create(name=name)


def _in_group(user, name: str) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_desk_group_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._desk_group_names = names
    return name in names


def is_reviewer(user) -> bool:
    return _in_group(user, REVIEWERS)


def is_editor(user) -> bool:
    """Editors and reviewers both do an editor's work."""
    return _in_group(user, EDITORS) or is_reviewer(user)


def system_user():
    """The account that commands and fixture loads act as when no person is named.

    It cannot log in: it has no usable password and is inactive, but history still
    names it, so no write is anonymous.
    """
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"is_active": False, "first_name": "Editorial", "last_name": "system"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def is_system_user(user) -> bool:
    """Whether ``user`` is the desk's own system account (see ``system_user``).

    Only the account named ``SYSTEM_USERNAME`` that cannot log in counts: inactive
    and without a usable password. A person given that name, or the account made
    active or given a password, is judged as anyone else.
    """
    return (
        user is not None
        and not isinstance(user, AnonymousUser)
        and getattr(user, "username", None) == SYSTEM_USERNAME
        and not user.is_active
        and not user.has_usable_password()
    )


def acts_for_desk(user) -> bool:
    """Whether ``user`` may do an editor's work through the services.

    People need the Editors or Reviewers group (``is_editor``). Commands, fixture
    builds and the checks act as the system account, which is in no group and can
    never log in, so it is accepted here by name rather than by making ``is_editor``
    true for it: ``is_editor`` answers what a signed-in person may see and do in the
    views, and stays a question about people. The system account gets no reviewer's
    rights: it never gives a verdict.
    """
    return is_editor(user) or is_system_user(user)


def require_editor(user) -> None:
    """Refuse anyone who may not do an editor's work (see ``acts_for_desk``)."""
    if not acts_for_desk(user):
        raise PermissionDenied(
            "Only editors and reviewers can change the desk's records."
        )


def require_reviewer(user, what: str) -> None:
    if not is_reviewer(user):
        raise PermissionDenied(f"Only reviewers can {what}.")
