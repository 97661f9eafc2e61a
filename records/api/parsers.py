"""The API's JSON parser, with limits on what a request body may hold."""

from django.utils.translation import gettext
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 20


def depth_of(data):
    """How deeply lists and objects nest in `data` (0 for a plain value), without recursion."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(JSONParser):
    """JSON bodies nested at most MAX_DEPTH levels; deeper ones are a 400, not a crash."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = depth_of(data) > MAX_DEPTH
        if too_deep:
            message = gettext("JSON parse error - objects and lists may nest at most %(depth)d levels deep.")
            raise ParseError(message % {"depth": MAX_DEPTH})
        return data
