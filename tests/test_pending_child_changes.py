"""Child records in changes under review: an editor adds, changes and deletes
an official's appointments or a state's membership changes on the live
record's page; the save is part of its pending change, nothing live changes
until a publisher approves, and approval applies it all as one version."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from records import services
from records.children import ChildRows
from records.models import (
    Appointment,
    MembershipChange,
    MemberState,
    Official,
    Participation,
    PendingChange,
    Summit,
)
from tests import factories
from tests.test_api_support import token_client

pytestmark = pytest.mark.django_db


def change_url(record):
    return reverse(f"admin:records_{record._meta.model_name}_change", args=[record.pk])


def form_data(response):
    """What the change form posts back untouched: the record's form, then each inline
    (its management form and rows), as the browser would send them."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            value = getattr(value, "pk", value)  # a row's id field starts as the row itself
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            else:
                data[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return data


def with_new_row(data, prefix, **row):
    """`data` with one more row in the inline `prefix`."""
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    # The extra blank row the form offers is left as it is; the new one comes after it.
    return {
        **data,
        f"{prefix}-TOTAL_FORMS": str(index + 1),
        **{f"{prefix}-{index}-{name}": value for name, value in row.items()},
    }


def errors_of(response):
    """Every error of the posted form and its inlines, as text."""
    texts = [str(response.context["adminform"].form.errors)]
    for inline in response.context["inline_admin_formsets"]:
        texts += [str(inline.formset.non_form_errors()), *(str(form.errors) for form in inline.formset.forms)]
    return " ".join(texts)


@pytest.fixture
def secretariat():
    return factories.OrganizationFactory(name="SCO Secretariat", slug="sco-secretariat")


@pytest.fixture
def official():
    return factories.OfficialFactory(name="Zhang Ming", slug="zhang-ming")


def propose_appointment(client, official, secretariat, **row):
    """The editor opens the live official's page, adds an appointment in the inline and saves."""
    data = form_data(client.get(change_url(official)))
    row = {"title": "Secretary-General", "organization": secretariat.pk, "started_on": "2022-01-01", **row}
    row = {"started_on_precision": "day", "ended_on_precision": "day", "is_current": "on", **row}
    return client.post(change_url(official), with_new_row(data, "appointments", **row))


# --- the admin: proposing --------------------------------------------------------------


def test_an_editor_adds_an_appointment_to_a_live_official_as_a_pending_change(client, editor, official, secretariat):
    client.force_login(editor)
    inline = client.get(change_url(official)).context["inline_admin_formsets"][0]
    assert inline.has_add_permission and inline.has_change_permission and inline.has_delete_permission

    response = propose_appointment(client, official, secretariat)
    assert response.status_code == 302, errors_of(response)
    change = PendingChange.objects.get()
    assert change.fields == {} and change.relations == {}
    [added] = change.children["appointments"]["added"]
    assert (added["title"], added["organization_id"], added["started_on"]) == (
        "Secretary-General",
        secretariat.pk,
        "2022-01-01",
    )
    assert change.children["appointments"]["changed"] == change.children["appointments"]["deleted"] == []
    assert not Appointment.objects.filter(official=official).exists()
    public = APIClient().get("/api/v1/officials/zhang-ming/").json()
    assert public["appointments"] == []


def test_a_publisher_approves_and_the_appointment_goes_live_in_one_version(
    client, editor, publisher, official, secretariat
):
    client.force_login(editor)
    propose_appointment(client, official, secretariat)
    change = PendingChange.objects.get()
    versions = official.history.count()

    client.force_login(publisher)
    review = client.get(change_url(change)).content.decode()
    assert "Appointment added" in review
    assert "<ins>Secretary-General, SCO Secretariat, 1 January 2022 – …</ins>" in review
    assert client.post(change_url(change), {"_approve": "1"}).status_code == 302

    [appointment] = Appointment.objects.filter(official=official)
    assert (appointment.title, appointment.organization, appointment.started_on) == (
        "Secretary-General",
        secretariat,
        datetime.date(2022, 1, 1),
    )
    assert official.history.count() == versions + 1
    version = official.history.latest()
    assert (version.history_user, version.history_change_reason) == (
        publisher,
        "Proposed by editor, approved by publisher",
    )
    assert appointment.history.get().history_user == publisher
    page = client.get("/officials/zhang-ming/").content.decode()
    assert "Secretary-General" in page


def test_a_rejected_change_leaves_the_appointments_as_they_were(client, editor, publisher, official, secretariat):
    kept = factories.AppointmentFactory(official=official, title="Ambassador", ended_on=datetime.date(2021, 12, 31))
    client.force_login(editor)
    data = form_data(client.get(change_url(official)))
    data["appointments-0-title"] = "Ambassador-at-large"
    response = client.post(
        change_url(official), with_new_row(data, "appointments", title="Envoy", organization=secretariat.pk)
    )
    assert response.status_code == 302, errors_of(response)
    change = PendingChange.objects.get()
    assert change.children["appointments"]["changed"] == [{"id": kept.pk, "fields": {"title": "Ambassador-at-large"}}]

    client.force_login(publisher)
    client.post(change_url(change), {"_reject": "1", "comment": "Keep the title."})
    change.refresh_from_db()
    assert change.state == "rejected"
    assert list(Appointment.objects.filter(official=official).values_list("title", flat=True)) == ["Ambassador"]


def test_changed_and_deleted_rows_read_as_before_and_after_and_are_applied(client, editor, publisher, official):
    changed = factories.AppointmentFactory(official=official, title="Minister", started_on=datetime.date(2019, 3, 1))
    deleted = factories.AppointmentFactory(
        official=official, title="Deputy Minister", started_on=datetime.date(2015, 1, 1)
    )
    client.force_login(editor)
    data = form_data(client.get(change_url(official)))
    rows = {data[f"appointments-{index}-id"]: index for index in range(2)}
    data[f"appointments-{rows[str(changed.pk)]}-ended_on"] = "2024-12-31"
    data.pop(f"appointments-{rows[str(changed.pk)]}-is_current", None)
    data[f"appointments-{rows[str(deleted.pk)]}-DELETE"] = "on"
    response = client.post(change_url(official), data)
    assert response.status_code == 302, errors_of(response)
    change = PendingChange.objects.get()
    assert change.children["appointments"]["deleted"] == [deleted.pk]
    assert Appointment.objects.filter(official=official).count() == 2

    client.force_login(publisher)
    review = client.get(change_url(change)).content.decode()
    assert "Appointment changed: Minister" in review
    assert "Ended on: <ins>31 December 2024</ins>" in review
    assert "Still held: <del>yes</del> <ins>no</ins>" in review
    assert "Appointment deleted" in review and "<del>Deputy Minister" in review

    client.post(change_url(change), {"_approve": "1"})
    changed.refresh_from_db()
    assert (changed.ended_on, changed.is_current) == (datetime.date(2024, 12, 31), False)
    assert not Appointment.objects.filter(pk=deleted.pk).exists()


def test_field_and_child_changes_of_one_save_are_one_pending_change(client, editor, publisher, official, secretariat):
    client.force_login(editor)
    data = form_data(client.get(change_url(official)))
    data["current_title"] = "Secretary-General"
    row = {"title": "Secretary-General", "organization": secretariat.pk, "started_on": "2022-01-01"}
    assert client.post(change_url(official), with_new_row(data, "appointments", **row)).status_code == 302
    change = PendingChange.objects.get()
    assert change.fields == {"current_title": "Secretary-General"}
    assert change.children["appointments"]["added"]
    services.change_approve(change=change, user=publisher)
    official.refresh_from_db()
    assert official.current_title == "Secretary-General"
    assert official.appointments.get().title == "Secretary-General"


def test_an_editor_restoring_a_version_of_a_live_official_proposes_it(client, editor, official):
    # The restore form saves the record alone, without its inlines.
    first = official.history.latest()
    services.record_update(record=official, fields={"current_title": "Ambassador"})
    client.force_login(editor)
    url = reverse("admin:records_official_simple_history", args=[official.pk, first.history_id])
    form = client.get(url).context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    change = PendingChange.objects.get()
    assert change.fields == {"current_title": "Minister"} and change.children == {}
    official.refresh_from_db()
    assert official.current_title == "Ambassador"


def test_publishers_edit_child_records_of_a_live_record_at_once(client, publisher, official, secretariat):
    client.force_login(publisher)
    response = propose_appointment(client, official, secretariat)
    assert response.status_code == 302, errors_of(response)
    assert not PendingChange.objects.exists()
    assert official.appointments.get().title == "Secretary-General"


# --- validation at proposal time -----------------------------------------------------


def test_an_appointment_ending_before_it_starts_is_a_form_error_not_a_change(client, editor, official, secretariat):
    client.force_login(editor)
    response = propose_appointment(client, official, secretariat, started_on="2022-01-01", ended_on="2021-01-01")
    assert response.status_code == 200
    assert "“ended_on” cannot be before “started_on”" in errors_of(response)
    assert not PendingChange.objects.exists()


def test_a_membership_change_on_a_day_the_state_already_has_is_a_form_error(client, editor):
    # Saving the state recorded its membership change on 10 July 2015.
    state = factories.MemberStateFactory(membership="observer", membership_since=datetime.date(2015, 7, 10))
    client.force_login(editor)
    data = form_data(client.get(change_url(state)))
    response = client.post(
        change_url(state),
        with_new_row(
            data,
            "membership_changes",
            membership="member",
            changed_on="2015-07-10",
            changed_on_precision="day",
            effective_on_precision="day",
        ),
    )
    assert response.status_code == 200
    assert "already has a membership change on that date" in errors_of(response)
    assert not PendingChange.objects.exists()


def test_the_write_service_refuses_a_bad_child_row_at_once(editor, official, secretariat):
    bad = Appointment(
        title="Envoy",
        started_on=datetime.date(2022, 1, 1),
        ended_on=datetime.date(2020, 1, 1),
        organization=secretariat,
    )
    with pytest.raises(services.ValidationError):
        services.change_propose(
            record=official, fields={}, children={"appointments": ChildRows(added=[bad])}, user=editor
        )
    someone_elses = factories.AppointmentFactory()
    with pytest.raises(services.ValidationError, match="not one of"):
        services.change_propose(
            record=official, fields={}, children={"appointments": ChildRows(deleted=[someone_elses])}, user=editor
        )
    assert not PendingChange.objects.exists()


# --- membership changes ------------------------------------------------------------------


def test_an_approved_membership_change_updates_the_states_membership(client, editor, publisher):
    state = factories.MemberStateFactory(
        name="Belarus", slug="belarus", membership="observer", membership_since=datetime.date(2015, 7, 10)
    )
    client.force_login(editor)
    data = form_data(client.get(change_url(state)))
    row = {
        "membership": "member",
        "changed_on": "2024-07-04",
        "changed_on_precision": "day",
        "effective_on_precision": "day",
    }
    response = client.post(change_url(state), with_new_row(data, "membership_changes", **row))
    assert response.status_code == 302, errors_of(response)
    change = PendingChange.objects.get()
    state.refresh_from_db()
    assert state.membership == "observer"

    preview = client.get(f"/member-states/belarus/?change={change.pk}").content.decode()
    assert '<dt>Membership</dt><dd>Member state since <time datetime="2024-07-04">4 July 2024</time>' in preview
    assert "4 July 2024" not in client.get("/member-states/belarus/").content.decode()

    versions = state.history.count()
    services.change_approve(change=change, user=publisher)
    state.refresh_from_db()
    assert (state.membership, state.membership_since) == ("member", datetime.date(2024, 7, 4))
    assert state.history.count() == versions + 1
    assert state.history.latest().membership == "member"  # the version holds the synced membership
    assert MembershipChange.objects.filter(member_state=state).count() == 2


# --- stale changes -----------------------------------------------------------------------


def test_a_child_changed_since_the_proposal_makes_the_change_stale(client, editor, publisher, official, secretariat):
    appointment = factories.AppointmentFactory(official=official, title="Minister")
    client.force_login(editor)
    propose_appointment(client, official, secretariat)
    change = PendingChange.objects.get()
    assert services.change_is_stale(change) is False

    services.record_update(record=appointment, fields={"title": "Foreign Minister"}, user=publisher)
    assert services.change_is_stale(change) is True
    client.force_login(publisher)
    review = client.get(change_url(change)).content.decode()
    assert 'icon-yes.svg" alt="True"' in review.split("Record changed since:")[1][:200]
    response = client.post(change_url(change), {"_approve": "1"}, follow=True)
    assert any("changed since" in str(message) for message in response.context["messages"])
    assert list(official.appointments.values_list("title", flat=True)) == ["Foreign Minister"]

    api = token_client(publisher)
    assert api.get(f"/api/v1/changes/{change.pk}/").json()["is_stale"] is True
    assert api.post(f"/api/v1/changes/{change.pk}/approve/").status_code == 409
    assert PendingChange.objects.get().state == "pending"


def test_an_editor_saving_rows_someone_changed_after_the_page_was_opened_is_refused(
    client, editor, publisher, official, secretariat
):
    appointment = factories.AppointmentFactory(official=official, title="Minister")
    client.force_login(editor)
    data = form_data(client.get(change_url(official)))
    services.record_update(record=appointment, fields={"title": "Foreign Minister"}, user=publisher)
    data["appointments-0-ended_on"] = "2024-12-31"
    response = client.post(change_url(official), data)
    assert response.status_code == 200
    assert "The appointments of this official were changed after you opened it" in errors_of(response)
    assert not PendingChange.objects.exists()
    appointment.refresh_from_db()
    assert (appointment.title, appointment.ended_on) == ("Foreign Minister", None)


def test_a_child_added_by_someone_else_also_makes_the_change_stale(editor, publisher, official, secretariat):
    new = Appointment(title="Envoy", organization=secretariat)
    change = services.change_propose(
        record=official, fields={}, children={"appointments": ChildRows(added=[new])}, user=editor
    )
    services.record_create(
        record=Appointment(official=official, title="Adviser", organization=secretariat), user=publisher
    )
    with pytest.raises(services.StaleChange):
        services.change_approve(change=change, user=publisher)
    assert list(official.appointments.values_list("title", flat=True)) == ["Adviser"]


# --- preview and API ---------------------------------------------------------------------


def test_the_preview_shows_the_official_with_the_proposed_appointments(client, editor, official, secretariat):
    gone = factories.AppointmentFactory(official=official, title="Deputy Minister")
    earlier = factories.AppointmentFactory(official=official, title="Ambassador", started_on=datetime.date(2010, 1, 1))
    changed = factories.AppointmentFactory(official=official, title="Minister", started_on=datetime.date(2015, 1, 1))
    changed.title = "Foreign Minister"
    change = services.change_propose(
        record=official,
        fields={},
        children={
            "appointments": ChildRows(
                added=[
                    Appointment(
                        title="Secretary-General", organization=secretariat, started_on=datetime.date(2022, 1, 1)
                    )
                ],
                changed=[changed],
                deleted=[gone],
            )
        },
        user=editor,
    )
    client.force_login(editor)
    preview = client.get(f"/officials/zhang-ming/?change={change.pk}").content.decode()
    assert "SCO Secretariat" in preview
    assert "Deputy Minister" not in preview
    # Latest first, as the page always lists them.
    shown = [preview.index(f"<strong>{title}</strong>") for title in ("Secretary-General", "Foreign Minister")]
    assert shown == sorted(shown) and shown[1] < preview.index(f"<strong>{earlier.title}</strong>")
    live = client.get("/officials/zhang-ming/").content.decode()
    assert "Deputy Minister" in live and "Secretary-General" not in live
    assert "Secretary-General" not in APIClient().get(f"/officials/zhang-ming/?change={change.pk}").content.decode()


def test_the_api_shows_the_child_records_of_a_change(editor, publisher, official, secretariat):
    kept = factories.AppointmentFactory(official=official, title="Minister")
    change = services.change_propose(
        record=official,
        fields={},
        children={
            "appointments": ChildRows(
                added=[
                    Appointment(
                        title="Secretary-General", organization=secretariat, started_on=datetime.date(2022, 1, 1)
                    )
                ]
            )
        },
        user=editor,
    )
    body = token_client(editor).get(f"/api/v1/changes/{change.pk}/").json()
    assert body["children"] == {
        "appointments": {
            "added": [
                {
                    "title": "Secretary-General",
                    "organization": "sco-secretariat",
                    "member_state": None,
                    "started_on": "2022-01-01",
                    "started_on_precision": "day",
                    "ended_on": None,
                    "ended_on_precision": "day",
                    "is_current": True,
                }
            ],
            "changed": [],
            "deleted": [],
        }
    }
    assert body["proposed"] == {}
    approved = token_client(publisher).post(f"/api/v1/changes/{change.pk}/approve/")
    assert approved.status_code == 200
    assert sorted(official.appointments.values_list("title", flat=True)) == ["Minister", "Secretary-General"]
    assert kept.pk in official.appointments.values_list("pk", flat=True)


def test_the_api_does_not_write_child_records_in_a_change(editor, official, secretariat):
    body = {"current_title": "Envoy", "appointments": [{"title": "Envoy", "organization": "sco-secretariat"}]}
    response = token_client(editor).patch("/api/v1/officials/zhang-ming/", body, format="json")
    assert response.status_code == 202
    assert (response.json()["proposed"], response.json()["children"]) == ({"current_title": "Envoy"}, {})
    assert PendingChange.objects.get().children == {}


def test_the_review_queue_runs_the_same_queries_with_child_changes(client, editor, publisher, secretariat):
    def queue_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:records_pendingchange_changelist")).status_code == 200
            assert client.get(reverse("admin:index")).status_code == 200
        return len(queries)

    def propose_on_new_officials(count):
        for official in factories.OfficialFactory.create_batch(count):
            new = Appointment(title="Envoy", organization=secretariat)
            services.change_propose(
                record=official, fields={}, children={"appointments": ChildRows(added=[new])}, user=editor
            )

    client.force_login(publisher)
    propose_on_new_officials(1)
    queue_queries()  # warm up: content types, permissions
    few = queue_queries()
    propose_on_new_officials(4)
    assert queue_queries() == few


def test_a_summits_participants_are_proposed_and_reviewed_the_same_way(client, editor, publisher):
    summit = factories.SummitFactory(title="Astana summit", slug="astana-summit")
    guest = factories.MemberStateFactory(name="Turkmenistan")
    new = Participation(member_state=guest, role="guest", attendance="video")
    change = services.change_propose(
        record=summit, fields={}, children={"participations": ChildRows(added=[new])}, user=editor
    )
    assert not summit.participations.exists()
    client.force_login(publisher)
    review = client.get(change_url(change)).content.decode()
    assert "Participation added" in review and "Turkmenistan (guest of the chair, by video)" in review
    services.change_approve(change=change, user=publisher)
    assert summit.participations.get().member_state == guest


def test_child_models_know_their_parent_relations():
    from records.children import child_relations

    assert child_relations(Official) == {"appointments": Appointment}
    assert child_relations(MemberState) == {"membership_changes": MembershipChange}
    assert child_relations(Summit) == {"participations": Participation}
