"""factory_boy factories for every model. Records are published unless a test says otherwise."""

import datetime

import factory
from django.contrib.auth import get_user_model

from records import models, services
from tests.pictures import upload


class ServiceFactory(factory.django.DjangoModelFactory):
    """Creates through the write service, as every write does (no workflow check)."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.record_create(record=model_class(*args, **kwargs))


class RecordFactory(ServiceFactory):
    status = models.Status.PUBLISHED
    # Plain and predictable: random words could match a search test by chance.
    summary = factory.Sequence(lambda n: f"Summary number {n} of a record.")

    class Meta:
        abstract = True


class OrganizationFactory(RecordFactory):
    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"organization-{n}")
    kind = models.Organization.Kind.INTERGOVERNMENTAL

    class Meta:
        model = models.Organization


class MediaFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"News Agency {n}")
    slug = factory.Sequence(lambda n: f"news-agency-{n}")
    kind = models.Organization.Kind.MEDIA


class TopicFactory(ServiceFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = models.Topic


class MemberStateFactory(RecordFactory):
    name = factory.Sequence(lambda n: f"State {n}")
    slug = factory.Sequence(lambda n: f"state-{n}")
    iso_code = factory.Sequence(lambda n: "".join(chr(65 + (n // 26**i) % 26) for i in (2, 1, 0)))
    capital = "Capital"
    membership = models.Membership.MEMBER
    membership_since = datetime.date(2001, 6, 15)

    class Meta:
        model = models.MemberState


class MembershipChangeFactory(ServiceFactory):
    member_state = factory.SubFactory(MemberStateFactory)
    membership = models.Membership.MEMBER
    changed_on = datetime.date(2017, 6, 9)

    class Meta:
        model = models.MembershipChange


class OfficialFactory(RecordFactory):
    name = factory.Sequence(lambda n: f"Official {n}")
    slug = factory.Sequence(lambda n: f"official-{n}")
    current_title = "Minister"

    class Meta:
        model = models.Official


class AppointmentFactory(ServiceFactory):
    official = factory.SubFactory(OfficialFactory)
    title = "Minister of Foreign Affairs"
    member_state = factory.SubFactory(MemberStateFactory)
    started_on = datetime.date(2020, 1, 1)

    class Meta:
        model = models.Appointment


class SummitFactory(RecordFactory):
    title = factory.Sequence(lambda n: f"Summit {n}")
    slug = factory.Sequence(lambda n: f"summit-{n}")
    council = models.Summit.Council.HEADS_OF_STATE
    city = "Astana"
    starts_on = datetime.date(2024, 7, 3)
    ends_on = datetime.date(2024, 7, 4)

    class Meta:
        model = models.Summit


class InitiativeFactory(RecordFactory):
    name = factory.Sequence(lambda n: f"Initiative {n}")
    slug = factory.Sequence(lambda n: f"initiative-{n}")
    kind = models.Initiative.Kind.PROGRAMME
    stage = models.Initiative.Stage.IN_PROGRESS
    starts_on = datetime.date(2024, 1, 1)

    class Meta:
        model = models.Initiative


class ArticleFactory(RecordFactory):
    title = factory.Sequence(lambda n: f"Article {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = factory.SubFactory(MediaFactory)
    authors = "A. Reporter"
    original_published_on = datetime.date(2024, 2, 1)
    body = "<p>Body text.</p>"

    class Meta:
        model = models.Article


class SourceFactory(ServiceFactory):
    title = factory.Sequence(lambda n: f"Declaration {n}")
    publisher = "Shanghai Cooperation Organization"
    published_on = datetime.date(2024, 7, 4)

    class Meta:
        model = models.Source


class ParticipationFactory(ServiceFactory):
    summit = factory.SubFactory(SummitFactory)
    member_state = factory.SubFactory(MemberStateFactory)
    role = models.Participation.Role.GUEST

    class Meta:
        model = models.Participation


class ImageFactory(ServiceFactory):
    """A small picture of the library (400 × 300: renditions 320 and 400 wide)."""

    alt_text = factory.Sequence(lambda n: f"Picture number {n}")
    credit = "Photo agency"
    licence = "CC BY 4.0"
    file = factory.LazyFunction(lambda: upload("picture.jpg", width=400, height=300))

    class Meta:
        model = models.Image


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pw-user-123")

    class Meta:
        model = get_user_model()


def api_key(user, name="test token", **fields):
    """A new API token for `user`; returns the key to send as `Authorization: Token <key>`."""
    from access.models import ApiToken

    return ApiToken.objects.create_token(user=user, name=name, **fields)[1]
