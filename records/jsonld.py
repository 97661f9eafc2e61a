"""schema.org descriptions of records, embedded in their pages as JSON-LD.

Related records are named only when they are public (the views have
already filtered prefetched lists; foreign keys are checked here).
"""

from django.utils.html import strip_tags

from records.dates import PreciseDate
from records.models import Article, Initiative, MemberState, Official, Organization, Summit
from records.models.base import can_see
from records.registry import record_type

ATTENDANCE_MODES = {
    Summit.Format.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Summit.Format.VIDEO: "https://schema.org/OnlineEventAttendanceMode",
    Summit.Format.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
GOVERNMENT_KINDS = {
    Organization.Kind.INTERGOVERNMENTAL,
    Organization.Kind.PERMANENT_BODY,
    Organization.Kind.GOVERNMENT_BODY,
}


def _public(record):
    return record if can_see(None, record) else None


def _reference(record, request, schema_type):
    record = _public(record)
    if record is None:
        return None
    return {"@type": schema_type, "name": str(record), "url": request.build_absolute_uri(record.get_absolute_url())}


def _clean(data):
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def for_record(record, request):
    """The JSON-LD dict of `record`'s page."""
    base = {
        "@context": "https://schema.org",
        "url": request.build_absolute_uri(record.get_absolute_url()),
        "description": record.summary,
    }
    builder = BUILDERS.get(type(record))
    return _clean(
        {**base, **builder(record, request), "image": _image(record_type(type(record)).image_of(record), request)}
    )


def _image(image, request):
    """The record's picture as a schema.org ImageObject (its largest JPEG/PNG rendition)."""
    if image is None:
        return None
    fallback = [rendition for rendition in image.sorted_renditions() if rendition.format != "webp"]
    if not fallback:
        return None
    largest = fallback[-1]
    return _clean(
        {
            "@type": "ImageObject",
            "contentUrl": request.build_absolute_uri(largest.file.url),
            "url": request.build_absolute_uri(largest.file.url),
            "width": largest.width,
            "height": largest.height,
            "caption": image.caption or image.alt,
            "creditText": image.credit,
            "copyrightNotice": image.licence,
        }
    )


def _article(article, request):
    source = _reference(article.source, request, "NewsMediaOrganization")
    return {
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "datePublished": _iso(article, "original_published_on"),
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "inLanguage": article.language,
        "author": [{"@type": "Person", "name": name.strip()} for name in _split_authors(article.authors)],
        "publisher": source,
        "sameAs": article.original_url or None,
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
    }


def _split_authors(authors):
    for separator in (" and ", ";"):
        authors = authors.replace(separator, ",")
    return [name for name in authors.split(",") if name.strip()]


def _summit(summit, request):
    host = _public(summit.host_state)
    location = _clean(
        {
            "@type": "Place",
            "name": summit.city or (host.name if host else None),
            "address": _clean(
                {
                    "@type": "PostalAddress",
                    "addressLocality": summit.city,
                    "addressCountry": host.name if host else None,
                }
            ),
        }
    )
    return {
        "@type": "Event",
        "name": summit.title,
        "startDate": summit.starts_on.isoformat(),
        "endDate": summit.last_day.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": ATTENDANCE_MODES.get(summit.format),
        "location": location if summit.format != Summit.Format.VIDEO else {"@type": "VirtualLocation"},
        "organizer": _reference(summit.organization, request, "GovernmentOrganization"),
    }


def _official(official, request):
    return {
        "@type": "Person",
        "name": official.name,
        "jobTitle": official.current_title,
        "nationality": _reference(official.member_state, request, "Country"),
        "affiliation": _reference(official.organization, request, "Organization"),
    }


def _member_state(state, request):
    return {
        "@type": "Country",
        "name": state.name,
        "alternateName": state.official_name,
        "identifier": state.iso_code,
        "memberOf": _reference(state.organization, request, "GovernmentOrganization"),
    }


def _initiative(initiative, request):
    return {
        "@type": "CreativeWork",
        "name": initiative.name,
        "genre": initiative.get_kind_display(),
        "creativeWorkStatus": initiative.get_stage_display(),
        "temporalCoverage": _period(initiative),
        "abstract": strip_tags(initiative.summary),
    }


def _iso(record, field):
    """The date at its precision (ISO 8601 allows `2019` and `2019-05`), or None."""
    value = PreciseDate.of(record, field)
    return value.isoformat() if value is not None else None


def _period(initiative):
    start = _iso(initiative, "starts_on")
    if not start:
        return None
    return f"{start}/{_iso(initiative, 'ends_on') or '..'}"


def _organization(organization, request):
    if organization.kind == Organization.Kind.MEDIA:
        schema_type = "NewsMediaOrganization"
    elif organization.kind in GOVERNMENT_KINDS:
        schema_type = "GovernmentOrganization"
    else:
        schema_type = "Organization"
    return {
        "@type": schema_type,
        "name": organization.name,
        "alternateName": organization.short_name,
        "foundingDate": _iso(organization, "founded_on"),
        "location": organization.headquarters,
        "sameAs": organization.website or None,
        "parentOrganization": _reference(organization.parent, request, "Organization"),
    }


BUILDERS = {
    Article: _article,
    Summit: _summit,
    Official: _official,
    MemberState: _member_state,
    Initiative: _initiative,
    Organization: _organization,
}
