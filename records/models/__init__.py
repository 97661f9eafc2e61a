"""The SCO record: six publishable record types, their history tables and topics;
and the site's own pages."""

from .articles import Article
from .base import PublishableQuerySet, PublishableRecord, Status, published_condition
from .changes import PendingChange
from .images import Image, ImageRendition
from .initiatives import Initiative
from .member_states import Membership, MembershipChange, MemberState, membership_noun
from .officials import Appointment, Official
from .organizations import Organization
from .pages import Page
from .redirects import SlugRedirect, current_slug
from .sources import Source
from .summits import Participation, Summit
from .topics import Topic

__all__ = [
    "Appointment",
    "Article",
    "Image",
    "ImageRendition",
    "Initiative",
    "MemberState",
    "Membership",
    "MembershipChange",
    "Official",
    "Organization",
    "Page",
    "PendingChange",
    "Participation",
    "PublishableQuerySet",
    "PublishableRecord",
    "SlugRedirect",
    "Source",
    "Status",
    "Summit",
    "Topic",
    "current_slug",
    "membership_noun",
    "published_condition",
]
