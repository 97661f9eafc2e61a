"""The SCO record: six publishable record types, their history tables and topics."""

from .articles import Article
from .base import PublishableQuerySet, PublishableRecord, Status, published_condition
from .changes import PendingChange
from .images import Image, ImageRendition
from .initiatives import Initiative
from .member_states import Membership, MembershipChange, MemberState
from .officials import Appointment, Official
from .organizations import Organization
from .redirects import SlugRedirect, current_slug
from .summits import Summit
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
    "PendingChange",
    "PublishableQuerySet",
    "PublishableRecord",
    "SlugRedirect",
    "Status",
    "Summit",
    "Topic",
    "current_slug",
    "published_condition",
]
