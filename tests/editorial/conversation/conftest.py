import pytest

from core import roles
from editorial.claims import services as claim_services


@pytest.fixture
def colleague(user_factory):
    return user_factory("ana", group=roles.EDITORS, first_name="Ana", last_name="Lima")


@pytest.fixture
def claim(editor, django_capture_on_commit_callbacks):
    """A claim written by the editor, who follows it (the listener ran, as after a
    committed request)."""
    with django_capture_on_commit_callbacks(execute=True):
        return claim_services.claim_create(
            statement="The envoy met the coalition leaders.", user=editor, reason="Seen"
        )


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run a write and then its after-commit listeners, as a committed request would."""

    def run(write, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(*args, **kwargs)

    return run
