"""Backup and restore: `export_records` writes the whole record with its
history, and `import_records` restores it into an empty database, where the
counts and every field match and editing goes on with fresh ids."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from access.models import ApiToken
from records import services
from records.management.commands.export_records import by_primary_key_models
from records.models import MemberState, PendingChange, SlugRedirect
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True)


def build_record_with_history():
    """Records linked every way, edited (history), renamed (redirect) and one state deleted."""
    state = factories.MemberStateFactory(slug="kazakhstan", name="Kazakhstan")
    summit = factories.SummitFactory(slug="astana", host_state=state)
    official = factories.OfficialFactory(member_state=state)
    summit.participants.add(official)
    factories.AppointmentFactory(official=official, member_state=state)
    article = factories.ArticleFactory(slug="leaders-meet", body="<p>Leaders <strong>meet</strong>.</p>")
    article.summits.add(summit)
    article.topics.add(factories.TopicFactory(slug="ecology"))
    article.member_states.add(state)
    factories.InitiativeFactory(lead_state=state, launched_at=summit).participating_states.add(state)
    services.record_update(record=article, fields={"title": "Leaders meet in Astana", "slug": "leaders-meet-in-astana"})
    gone = factories.MemberStateFactory(slug="testland", name="Testland")
    services.record_update(record=gone, fields={"name": "Testland renamed"})
    services.record_delete(record=gone)  # its history stays, pointing at a record that no longer exists
    editor = factories.UserFactory(username="editor-one")
    editor.groups.add(Group.objects.get(name="Editors"))
    factories.api_key(editor, name="sync")
    services.change_propose(record=article, fields={"summary": "Awaiting review."}, user=editor)


RESTORED = by_primary_key_models()


def snapshot():
    data = {
        model._meta.label: list(model._default_manager.order_by("pk").values()) for model in by_primary_key_models()
    }
    data["users"] = [
        (u.pk, u.username, u.password, u.is_staff, sorted(g.name for g in u.groups.all()))
        for u in factories.UserFactory._meta.model.objects.order_by("pk")
    ]
    data["groups"] = {g.name: sorted(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    data["pending changes"] = [
        (change.record.slug, change.author.username, change.fields) for change in PendingChange.objects.all()
    ]
    data["redirects"] = sorted(
        (r.content_type.model, r.object_id, r.old_slug) for r in SlugRedirect.objects.select_related("content_type")
    )
    return data


def test_an_export_restored_into_an_empty_database_has_every_record_and_version(tmp_path):
    build_record_with_history()
    before = snapshot()
    assert before["records.HistoricalMemberState"], "the deleted state's history is part of the record"
    assert before["redirects"] and before["pending changes"]
    path = tmp_path / "record.json"
    call_command("export_records", "-o", str(path))
    assert json.loads(path.read_text())

    call_command("flush", "--no-input")  # an empty, migrated database
    assert not MemberState.history.exists()
    call_command("import_records", str(path))

    after = snapshot()
    assert {label: len(rows) for label, rows in after.items()} == {label: len(rows) for label, rows in before.items()}
    assert after == before

    # Work goes on: a new version and a new record get fresh ids, old keys keep working.
    state = MemberState.objects.get(slug="kazakhstan")
    state.capital = "Astana"
    state.save()
    assert state.history.count() == len([r for r in before["records.HistoricalMemberState"] if r["id"] == state.pk]) + 1
    factories.MemberStateFactory(slug="new-state")
    assert ApiToken.objects.get(name="sync").is_usable


def test_import_refuses_a_database_that_already_holds_records(tmp_path):
    path = tmp_path / "record.json"
    call_command("export_records", "-o", str(path))
    factories.TopicFactory()
    with pytest.raises(CommandError, match="empty database"):
        call_command("import_records", str(path))


def test_import_names_a_file_that_is_not_an_export(tmp_path):
    path = tmp_path / "not-an-export.json"
    path.write_text('{"not": "a list"}')
    with pytest.raises(CommandError, match="not a valid export"):
        call_command("import_records", str(path))
