"""Background indexing; tasks take keys/ids only and call ``search.indexing``."""

from django_tasks import task

from hearings.models import Passage

from . import indexing
from .documents import passage_documents_batch


@task()
def index_source(source_key: str) -> int:
    return len(indexing.index_source(source_key))


@task()
def index_sources(source_keys: list[str]) -> int:
    """Many keys changed in one transaction (see search.signals), indexed in one go."""
    return indexing.index_sources(source_keys)


@task()
def index_requested() -> int:
    """Queued by ``search.signals`` at most once per ``signals.BATCH_SECONDS`` per process."""
    return indexing.index_requested()


@task()
def index_hearing_passages(hearing_id: int) -> int:
    """After an analysis run: (re)index every passage of the hearing in batches."""

    ids = list(Passage.objects.filter(hearing_id=hearing_id).values_list("pk", flat=True))
    done = 0
    for start in range(0, len(ids), indexing.BATCH):
        batch = ids[start : start + indexing.BATCH]
        changes = passage_documents_batch(batch)
        changes.update({f"passage:{pk}": None for pk in batch if f"passage:{pk}" not in changes})
        indexing.save_documents(changes)
        indexing.push_to_elasticsearch(changes)
        done += len(batch)
    return done


@task()
def catch_up() -> int:
    return indexing.catch_up()
