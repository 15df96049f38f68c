"""Group identical and near-identical responses (campaign letters, copy-paste).

Why two entry points: a whole-hearing run compares every response with every other
(:func:`update_duplicates`, MinHash/LSH in :mod:`hearings.nlp.duplicates`), while a single
response analysed on submission only needs to find its match among what is already there
(:func:`join_duplicates`, or :func:`join_duplicates_many` for a batch analysed together after a
rush of submissions): the canonical text of each existing group and the responses that are in no
group yet. Both key a group by its smallest member id, so a campaign keeps its group (and the
reviewers' view of it) as it grows, and the next whole-hearing run finds the same group again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from django.db import transaction

from ...models import DuplicateGroup, HearingPage, Response, ResponseAnalysis, ResponseStatus
from ...nlp.duplicates import find_duplicates, normalise
from .sources import _responses, response_sources

#: Rows per statement for the group and membership writes.
WRITE_BATCH = 2000


def response_text(response: Response) -> str:
    """The whole analysed text of a response, as duplicates are judged on it."""
    return "\n".join(s.text for s in response_sources(response))


def _group_kind(texts: Sequence[str]) -> str:
    forms = {normalise(t) for t in texts}
    return DuplicateGroup.Kind.EXACT if len(forms) == 1 else DuplicateGroup.Kind.NEAR


@transaction.atomic
def update_duplicates(*, hearing: HearingPage, texts: dict[int, str]) -> int:
    """Group identical and near-identical responses; ``texts`` maps response id -> its text.

    Written in bulk (one statement per few thousand groups or memberships): a 100,000-passage
    hearing has thousands of groups, and one save per group was a round trip each.
    """
    ids = sorted(texts)
    result = find_duplicates([texts[i] for i in ids])
    existing = {g.key: g for g in DuplicateGroup.objects.filter(hearing=hearing)}
    members_of: dict[str, list[int]] = {}
    to_update, to_create = [], []
    for found in result.groups:
        members = [ids[i] for i in found.members]
        key = str(min(members))
        group = existing.get(key) or DuplicateGroup(hearing=hearing, key=key)
        group.kind = found.kind
        group.size = found.size
        group.canonical_id = ids[found.canonical]
        group.excerpt = texts[ids[found.canonical]][:300]
        (to_update if group.pk else to_create).append(group)
        members_of[key] = members
    DuplicateGroup.objects.filter(hearing=hearing).exclude(key__in=members_of).delete()
    DuplicateGroup.objects.bulk_update(
        to_update, ["kind", "size", "canonical", "excerpt"], batch_size=WRITE_BATCH
    )
    DuplicateGroup.objects.bulk_create(to_create, batch_size=WRITE_BATCH)
    pk_of = dict(DuplicateGroup.objects.filter(hearing=hearing).values_list("key", "pk"))
    group_of = {m: pk_of[key] for key, members in members_of.items() for m in members}
    changed = []
    for analysis in ResponseAnalysis.objects.filter(response__hearing=hearing).only(
        "pk", "response_id", "duplicate_group_id"
    ):
        group_id = group_of.get(analysis.response_id)
        if analysis.duplicate_group_id != group_id:
            analysis.duplicate_group_id = group_id
            changed.append(analysis)
    ResponseAnalysis.objects.bulk_update(changed, ["duplicate_group"], batch_size=WRITE_BATCH)
    return len(result.groups)


def _refresh_group(group_id: int) -> None:
    """Recount a group after a member left; a group of one is no group.

    If the member that left was the canonical one, the smallest remaining member takes its place.
    """
    members = ResponseAnalysis.objects.filter(duplicate_group_id=group_id)
    ids = sorted(members.values_list("response_id", flat=True))
    if len(ids) < 2:
        members.update(duplicate_group=None)
        DuplicateGroup.objects.filter(pk=group_id).delete()
        return
    group = DuplicateGroup.objects.get(pk=group_id)
    group.size = len(ids)
    if group.canonical_id not in ids:
        group.canonical_id = ids[0]
        group.excerpt = response_text(_responses([ids[0]])[0])[:300]
    group.save(update_fields=["size", "canonical", "excerpt"])


def _representatives(hearing_id: int, response: Response) -> dict[int, DuplicateGroup]:
    """One member per existing group to compare with: its canonical, or (when that is the
    response itself, being re-analysed) its smallest other member."""
    return _representatives_apart_from(hearing_id, {response.pk})


def _representatives_apart_from(hearing_id: int, ids: set[int]) -> dict[int, DuplicateGroup]:
    out = {}
    for group in DuplicateGroup.objects.filter(hearing_id=hearing_id).order_by("pk"):
        rep = group.canonical_id
        if rep is None or rep in ids:
            rep = (
                ResponseAnalysis.objects.filter(duplicate_group=group)
                .exclude(response_id__in=ids)
                .order_by("response_id")
                .values_list("response_id", flat=True)
                .first()
            )
        if rep is not None:
            out[rep] = group
    return out


@transaction.atomic
def join_duplicates(response: Response) -> DuplicateGroup | None:
    """Put one (just analysed) response in its duplicate group, without a whole-hearing run.

    Compared with one member (the canonical one) of every existing group of the hearing and every
    analysed response that is in no group. A match with a group joins it; a match with
    ungrouped responses forms a new group with them. Returns the response's group or ``None``.
    Cost grows with the number of ungrouped responses (their texts are read), which is fine for a
    background task; the whole-hearing run remains the authority and may regroup.
    """
    analysis = ResponseAnalysis.objects.select_for_update().filter(response=response).first()
    if analysis is None:
        return None
    hearing_id = response.hearing_id
    group_of_rep = _representatives(hearing_id, response)
    loose_ids = list(
        ResponseAnalysis.objects.filter(
            response__hearing_id=hearing_id,
            response__status=ResponseStatus.SUBMITTED,
            duplicate_group__isnull=True,
        )
        .exclude(response_id=response.pk)
        .order_by("response_id")
        .values_list("response_id", flat=True)
    )
    wanted = sorted(set(group_of_rep) | set(loose_ids))
    texts = {}
    for start in range(0, len(wanted), 500):
        for other in _responses(wanted[start : start + 500]):
            texts[other.pk] = response_text(other)
    own = response_text(response)
    candidates = [i for i in group_of_rep if i in texts] + [i for i in loose_ids if i in texts]
    result = find_duplicates([own] + [texts[i] for i in candidates])
    group_key = result.group_of[0]
    matched = (
        []
        if group_key is None
        else [candidates[i - 1] for i in result._by_id()[group_key].members if i != 0]
    )
    previous = analysis.duplicate_group_id
    rep = next((i for i in matched if i in group_of_rep), None)
    target = group_of_rep.get(rep) if rep is not None else None
    loose = set(loose_ids)
    joining = [i for i in matched if i in loose]
    if target is None and joining:
        members = sorted([response.pk, *joining])
        target = DuplicateGroup.objects.create(
            hearing_id=hearing_id,
            key=str(members[0]),
            kind=_group_kind([own] + [texts[i] for i in joining]),
            size=len(members),
            canonical_id=members[0],
            excerpt=(own if members[0] == response.pk else texts[members[0]])[:300],
        )
    if target is not None:
        ResponseAnalysis.objects.filter(response_id__in=[response.pk, *joining]).update(
            duplicate_group=target
        )
        if (
            target.kind == DuplicateGroup.Kind.EXACT
            and _group_kind([own, texts.get(rep, own)]) != DuplicateGroup.Kind.EXACT
        ):
            target.kind = DuplicateGroup.Kind.NEAR
        target.size = ResponseAnalysis.objects.filter(duplicate_group=target).count()
        target.save(update_fields=["kind", "size"])
    else:
        ResponseAnalysis.objects.filter(pk=analysis.pk).update(duplicate_group=None)
    if previous and (target is None or previous != target.pk):
        _refresh_group(previous)
    return target


def _loose_texts(hearing_id: int, exclude: set[int], group_of_rep) -> tuple[list[int], dict]:
    """Ids and texts to compare new responses with: group representatives, then the analysed
    responses of the hearing that are in no group (``exclude`` left out)."""
    loose_ids = list(
        ResponseAnalysis.objects.filter(
            response__hearing_id=hearing_id,
            response__status=ResponseStatus.SUBMITTED,
            duplicate_group__isnull=True,
        )
        .exclude(response_id__in=exclude)
        .order_by("response_id")
        .values_list("response_id", flat=True)
    )
    texts = _texts(sorted(set(group_of_rep) | set(loose_ids)))
    candidates = [i for i in group_of_rep if i in texts] + [i for i in loose_ids if i in texts]
    return candidates, texts


#: Texts of responses compared in earlier batches, kept by the worker process: response id ->
#: (last save, text). Each batch compares with every ungrouped response, and reading them all
#: again (answers and comments) was most of a small batch's cost.
_TEXT_MEMO: OrderedDict[int, tuple[object, str]] = OrderedDict()
TEXT_MEMO_SIZE = 20_000


def _texts(ids: Sequence[int]) -> dict[int, str]:
    """The texts of ``ids``, from the memo where the response has not been saved since."""
    saved = dict(Response.objects.filter(pk__in=ids).values_list("pk", "updated_at"))
    texts, missing = {}, []
    for pk in ids:
        hit = _TEXT_MEMO.get(pk)
        if hit is not None and hit[0] == saved.get(pk):
            texts[pk] = hit[1]
            _TEXT_MEMO.move_to_end(pk)
        elif pk in saved:
            missing.append(pk)
    for start in range(0, len(missing), 500):
        for other in _responses(missing[start : start + 500]):
            texts[other.pk] = response_text(other)
            _TEXT_MEMO[other.pk] = (other.updated_at, texts[other.pk])
    while len(_TEXT_MEMO) > TEXT_MEMO_SIZE:
        _TEXT_MEMO.popitem(last=False)
    return texts


@transaction.atomic
def join_duplicates_many(responses: Sequence[Response]) -> int:
    """Put a batch of (just analysed) responses of one hearing in their duplicate groups.

    The same rules as :func:`join_duplicates`, with one comparison for the whole batch: the
    hearing's group representatives and ungrouped responses are read and hashed once per batch
    instead of once per response, which is what made one task per submission cost O(n) each
    during a rush. Returns the number of groups joined or formed.
    """
    analyses = {
        a.response_id: a
        for a in ResponseAnalysis.objects.select_for_update().filter(
            response_id__in=[r.pk for r in responses]
        )
    }
    batch = [r for r in responses if r.pk in analyses]
    if not batch:
        return 0
    hearing_id = batch[0].hearing_id
    own_ids = {r.pk for r in batch}
    group_of_rep = _representatives_apart_from(hearing_id, own_ids)
    candidates, texts = _loose_texts(hearing_id, own_ids, group_of_rep)
    texts.update({r.pk: response_text(r) for r in batch})
    order = [r.pk for r in batch] + candidates
    result = find_duplicates([texts[i] for i in order])
    placed: dict[int, DuplicateGroup | None] = dict.fromkeys(own_ids)
    touched = 0
    for found in result.groups:
        members = [order[i] for i in found.members]
        if not own_ids.intersection(members):
            continue  # old responses only: the whole-hearing run is the authority for those
        touched += 1
        target = _join_group(hearing_id, members, own_ids, group_of_rep, texts)
        for member in own_ids.intersection(members):
            placed[member] = target
    previous = {analyses[i].duplicate_group_id for i in own_ids} - {None}
    ResponseAnalysis.objects.filter(
        response_id__in=[i for i, group in placed.items() if group is None]
    ).update(duplicate_group=None)
    kept = {group.pk for group in placed.values() if group is not None}
    for group_id in previous - kept:
        _refresh_group(group_id)
    return touched


def _join_group(hearing_id, members, own_ids, group_of_rep, texts) -> DuplicateGroup | None:
    """The group a set of matching texts belongs to: an existing group if one of its
    representatives matched, else a new one of the new and ungrouped responses."""
    rep = next((i for i in members if i in group_of_rep), None)
    target = group_of_rep.get(rep) if rep is not None else None
    joining = sorted(i for i in members if i not in group_of_rep)
    if target is None:
        if len(joining) < 2:
            return None
        target = DuplicateGroup.objects.create(
            hearing_id=hearing_id,
            key=str(joining[0]),
            kind=_group_kind([texts[i] for i in joining]),
            size=len(joining),
            canonical_id=joining[0],
            excerpt=texts[joining[0]][:300],
        )
    elif target.kind == DuplicateGroup.Kind.EXACT and (
        _group_kind([texts[rep], *(texts[i] for i in joining)]) != DuplicateGroup.Kind.EXACT
    ):
        target.kind = DuplicateGroup.Kind.NEAR
    ResponseAnalysis.objects.filter(response_id__in=joining).update(duplicate_group=target)
    target.size = ResponseAnalysis.objects.filter(duplicate_group=target).count()
    target.save(update_fields=["kind", "size"])
    return target
