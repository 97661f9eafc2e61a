"""A small connected record for the page, search and feed tests.

Every record the public may see is named plainly; every record it must not
see (draft, in review, archived, scheduled for later) has "Xyzzy" in its
name, title and slug, so one substring check covers every surface.
"""

import datetime
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from django.test import override_settings
from django.utils import timezone

from records.models import Membership, MembershipChange, Status
from tests import factories

HIDDEN_MARK = "xyzzy"

LIST_URLS = [
    "/",
    "/articles/",
    "/summits/",
    "/member-states/",
    "/officials/",
    "/initiatives/",
    "/organizations/",
    "/topics/",
    "/search/?q=astana",
]
OTHER_URLS = ["/articles/feed/", "/summits/calendar.ics", "/sitemap.xml", "/robots.txt", "/healthz"]


# The edit history is not what these tests look at, and recording it for
# every many-to-many change makes building the data several times slower.
without_history = override_settings(SIMPLE_HISTORY_ENABLED=False)


@dataclass
class World:
    sco: object
    media: object
    kazakhstan: object
    turkiye: object
    summit: object
    next_summit: object
    official: object
    initiative: object
    topic: object
    article: object
    hidden: list = field(default_factory=list)
    # The picture every public record of the world shows (and the article's body too).
    image: object = None


def hidden_kwargs(kind, status):
    """Fields that make a record non-public in one of the four ways."""
    if status == "scheduled":
        return {"status": Status.PUBLISHED, "publish_at": timezone.now() + datetime.timedelta(days=3)}
    return {"status": status}


@without_history
def build_world():
    image = factories.ImageFactory(alt_text="Leaders of the member states on stage in Astana", caption="Astana, 2024")
    sco = factories.OrganizationFactory(
        name="Shanghai Cooperation Organization", short_name="SCO", slug="sco", emblem=image
    )
    media = factories.MediaFactory(name="Xinhua", slug="xinhua")
    kazakhstan = factories.MemberStateFactory(
        name="Kazakhstan",
        slug="kazakhstan",
        iso_code="KAZ",
        capital="Astana",
        founding_member=True,
        organization=sco,
        flag=image,
    )
    turkiye = factories.MemberStateFactory(
        name="Türkiye",
        slug="turkiye",
        iso_code="TUR",
        membership=Membership.DIALOGUE_PARTNER,
        membership_since=datetime.date(2013, 4, 26),
        organization=sco,
    )
    summit = factories.SummitFactory(
        title="Astana Summit 2024",
        slug="2024-astana-heads-of-state",
        number=24,
        host_state=kazakhstan,
        chair_state=kazakhstan,
        organization=sco,
        starts_on=datetime.date(2024, 7, 3),
        ends_on=datetime.date(2024, 7, 4),
        photo=image,
    )
    next_summit = factories.SummitFactory(
        title="Future Summit",
        slug="future-summit",
        starts_on=timezone.localdate() + datetime.timedelta(days=200),
        ends_on=None,
        host_state=kazakhstan,
    )
    official = factories.OfficialFactory(
        name="Kassym-Jomart Tokayev",
        slug="kassym-jomart-tokayev",
        member_state=kazakhstan,
        current_title="President",
        portrait=image,
    )
    factories.AppointmentFactory(official=official, title="President", member_state=kazakhstan, ended_on=None)
    summit.participants.add(official)
    topic = factories.TopicFactory(name="Ecology", slug="ecology")
    initiative = factories.InitiativeFactory(
        name="Year of Ecology",
        slug="year-of-ecology",
        kind="declared_year",
        lead_state=kazakhstan,
        launched_at=summit,
        proposed_by=official,
    )
    initiative.participating_states.add(kazakhstan, turkiye)
    initiative.topics.add(topic)
    article = factories.ArticleFactory(
        title="Leaders meet in Astana",
        slug="leaders-meet-in-astana",
        source=media,
        original_url="https://example.org/astana",
        body=f'<p>The heads of state signed the Astana Declaration.</p><img data-image="{image.pk}" alt="">',
        lead_image=image,
    )
    article.topics.add(topic)
    article.summits.add(summit)
    article.officials.add(official)
    article.member_states.add(kazakhstan, turkiye)
    article.initiatives.add(initiative)
    article.organizations.add(sco)
    world = World(sco, media, kazakhstan, turkiye, summit, next_summit, official, initiative, topic, article)
    world.image = image
    add_hidden_records(world)
    return world


def add_hidden_records(world):
    """One non-public record of each type for each way of being non-public,
    linked to the public records so that every related list is tested."""
    for status in (Status.DRAFT, Status.REVIEW, Status.ARCHIVED, "scheduled"):
        extra = hidden_kwargs(None, status)
        tag = f"{HIDDEN_MARK}-{status}"
        state = factories.MemberStateFactory(name=f"Xyzzy State {status}", slug=f"{tag}-state", **extra)
        MembershipChange.objects.filter(member_state=state).update(summit=world.summit)
        official = factories.OfficialFactory(
            name=f"Xyzzy Official {status}", slug=f"{tag}-official", member_state=world.kazakhstan, **extra
        )
        summit = factories.SummitFactory(
            title=f"Xyzzy Summit {status}",
            slug=f"{tag}-summit",
            host_state=world.kazakhstan,
            chair_state=world.kazakhstan,
            starts_on=timezone.localdate() + datetime.timedelta(days=30),
            ends_on=None,
            **extra,
        )
        summit.participants.add(world.official)
        initiative = factories.InitiativeFactory(
            name=f"Xyzzy Initiative {status}",
            slug=f"{tag}-initiative",
            lead_state=world.kazakhstan,
            launched_at=world.summit,
            proposed_by=world.official,
            **extra,
        )
        initiative.topics.add(world.topic)
        initiative.participating_states.add(world.kazakhstan)
        organization = factories.OrganizationFactory(
            name=f"Xyzzy Organization {status}", slug=f"{tag}-organization", parent=world.sco, **extra
        )
        article = factories.ArticleFactory(
            title=f"Xyzzy Article {status}",
            slug=f"{tag}-article",
            source=world.media,
            original_published_on=timezone.localdate(),
            **extra,
        )
        # Public records point at hidden ones too: those links must not show.
        link_both_ways(world, state, official, summit, initiative, organization, article)
        world.hidden += [state, official, summit, initiative, organization, article]
    # A public summit hosted by a hidden state, and an official serving one.
    hidden_state = world.hidden[0]
    factories.SummitFactory(title="Open Summit", slug="open-summit", host_state=hidden_state, chair_state=hidden_state)
    factories.AppointmentFactory(official=world.official, title="Envoy", member_state=hidden_state)


def link_both_ways(world, state, official, summit, initiative, organization, article):
    """Link new records to the world's records, and the world's records to them."""
    article.topics.add(world.topic)
    article.summits.add(world.summit)
    article.officials.add(world.official)
    article.member_states.add(world.kazakhstan)
    article.initiatives.add(world.initiative)
    article.organizations.add(world.sco)
    world.summit.participants.add(official)
    world.initiative.participating_states.add(state)
    world.article.summits.add(summit)
    world.article.officials.add(official)
    world.article.member_states.add(state)
    world.article.initiatives.add(initiative)
    world.article.organizations.add(organization)
    for record in (world.sco, world.media, world.kazakhstan, world.turkiye, world.summit, world.official):
        record.sources.add(factories.SourceFactory(article=article))
    for record in (world.initiative, world.article, state, official, summit, initiative, organization, article):
        record.sources.add(factories.SourceFactory(article=world.article))
    factories.ParticipationFactory(summit=world.summit, member_state=state, attendance="video")
    factories.ParticipationFactory(summit=world.summit, member_state=None, organization=organization)


def public_detail_urls(world):
    """The pages of the world's public records (one of each type, and a topic)."""
    records = [world.sco, world.media, world.kazakhstan, world.turkiye, world.summit, world.official]
    records += [world.initiative, world.article, world.topic]
    return [record.get_absolute_url() for record in records]


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client):
    """Every address the sitemap index leads to, following each section and its pages."""
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = set()
    for section in index.findall("s:sitemap/s:loc", SITEMAP_NS):
        response = client.get(section.text)
        assert response.status_code == 200, section.text
        locations |= {element.text for element in ET.fromstring(response.content).findall("s:url/s:loc", SITEMAP_NS)}
    return locations
