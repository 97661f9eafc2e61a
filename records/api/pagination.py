"""Page-number pagination: `page` and `page_size` (capped at 100), `count` always present."""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination


class RecordPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    page_size_query_description = "Results per page (default 20, at most 100)."
    max_page_size = 100

    def get_page_size(self, request):
        """A `page_size` that is not a whole number of at least 1 is a 400, not quietly the default;
        more than 100 gives 100."""
        value = request.query_params.get(self.page_size_query_param, "")
        if value == "":
            return self.page_size
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError(
                {self.page_size_query_param: ["Give a whole number of at least 1 (at most 100 are sent)."]}
            )
        return min(int(value), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
