import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hearing(db):
    from .helpers import make_hearing

    return make_hearing()


@pytest.fixture
def editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "redaktor", "redaktor@example.org", "passord-123"
    )


@pytest.fixture
def second_editor(db, django_user_model):
    return django_user_model.objects.create_superuser(
        "redaktor2", "redaktor2@example.org", "passord-123"
    )
