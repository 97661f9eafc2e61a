"""Child records (membership changes, appointments) follow their parent's
workflow, in the admin and through the write service, and a change to one is
a change to its parent for partners who sync."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from records import services
from records.models import Appointment, MembershipChange, Status
from records.workflow import WorkflowDenied
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db


def add_membership_change(client, state, membership="observer", day="2025-01-01"):
    return client.post(
        reverse("admin:records_membershipchange_add"),
        {"member_state": state.pk, "membership": membership, "changed_on": day, "summit": "", "note": ""},
    )


def form_errors(response):
    return " ".join(str(error) for error in response.context["adminform"].form.non_field_errors())


def test_an_editor_cannot_change_the_membership_of_a_live_state_through_its_history(client, editor):
    kazakhstan = factories.MemberStateFactory(name="Kazakhstan", membership="member")
    client.force_login(editor)
    response = add_membership_change(client, kazakhstan)
    assert response.status_code == 200
    assert "Kazakhstan is published" in form_errors(response)
    kazakhstan.refresh_from_db()
    assert kazakhstan.membership == "member"
    assert not MembershipChange.objects.filter(member_state=kazakhstan, membership="observer").exists()


def test_an_editor_adds_a_membership_change_to_a_draft_state(client, editor):
    state = factories.MemberStateFactory(status=Status.DRAFT, membership="observer")
    client.force_login(editor)
    response = add_membership_change(client, state, membership="member")
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.membership == "member"


def test_a_publisher_changes_the_history_of_a_live_state(client, publisher):
    state = factories.MemberStateFactory(membership="observer")
    client.force_login(publisher)
    assert add_membership_change(client, state, membership="member").status_code == 302
    state.refresh_from_db()
    assert (state.membership, state.membership_since) == ("member", datetime.date(2025, 1, 1))


def test_an_editor_cannot_add_or_edit_an_appointment_of_a_live_official(client, editor):
    official = factories.OfficialFactory(name="Zhang Ming")
    appointment = factories.AppointmentFactory(official=official, title="Secretary-General")
    client.force_login(editor)
    add = client.post(
        reverse("admin:records_appointment_add"),
        {"official": official.pk, "title": "Ambassador", "member_state": appointment.member_state_id},
    )
    assert "Zhang Ming is published" in form_errors(add)
    edit = client.get(reverse("admin:records_appointment_change", args=[appointment.pk]))
    assert b'name="title"' not in edit.content  # shown read-only
    posted = client.post(
        reverse("admin:records_appointment_change", args=[appointment.pk]),
        {"official": official.pk, "title": "Changed", "member_state": appointment.member_state_id},
    )
    assert posted.status_code == 403
    assert list(Appointment.objects.filter(official=official).values_list("title", flat=True)) == ["Secretary-General"]


def test_the_inlines_of_a_live_record_take_an_editors_rows_into_its_pending_change(client, editor):
    official = factories.OfficialFactory(status=Status.PUBLISHED)
    draft = factories.OfficialFactory(status=Status.DRAFT)
    client.force_login(editor)
    live_inline = client.get(reverse("admin:records_official_change", args=[official.pk])).context[
        "inline_admin_formsets"
    ][0]
    draft_inline = client.get(reverse("admin:records_official_change", args=[draft.pk])).context[
        "inline_admin_formsets"
    ][0]
    # On a live official a deletion is proposed too; a publisher decides (tests/test_pending_child_changes.py).
    assert live_inline.has_add_permission and live_inline.has_change_permission and live_inline.has_delete_permission
    assert draft_inline.has_add_permission and draft_inline.has_change_permission
    assert not draft_inline.has_delete_permission


def test_the_write_service_refuses_child_changes_of_a_live_parent(editor):
    appointment = factories.AppointmentFactory()
    title = appointment.title
    with pytest.raises(WorkflowDenied, match="publish permission"):
        services.record_update(record=appointment, fields={"title": "Changed"}, user=editor)
    with pytest.raises(WorkflowDenied):
        services.record_delete(record=appointment, user=editor)
    assert Appointment.objects.filter(pk=appointment.pk, title=title).exists()


def test_changing_an_appointment_reports_its_official_to_partners_who_sync(partner):
    official = factories.OfficialFactory(slug="zhang-ming")
    appointment = factories.AppointmentFactory(official=official)
    since = timezone.now()
    client = token_client(partner)
    assert client.get("/api/v1/officials/", {"updated_since": since.isoformat()}).json()["count"] == 0
    services.record_update(record=appointment, fields={"ended_on": datetime.date(2024, 12, 31)})
    changed = client.get("/api/v1/officials/", {"updated_since": since.isoformat()}).json()
    assert [item["slug"] for item in changed["results"]] == ["zhang-ming"]


def test_deleting_a_membership_change_restores_the_previous_membership_and_reports_the_state():
    state = factories.MemberStateFactory(membership="observer", membership_since=datetime.date(2005, 7, 5))
    change = factories.MembershipChangeFactory(member_state=state, membership="member")
    before = type(state).objects.get(pk=state.pk).updated_at
    services.record_delete(record=change)
    state.refresh_from_db()
    assert state.membership == "observer"
    assert state.updated_at > before
