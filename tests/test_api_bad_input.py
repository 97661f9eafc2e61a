"""Bad filter values are a 400 that names the parameter, never a 500 —
including values with a `%`, which django-filter's messages once choked on."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["member_state=%25", "member_state=a%25s", "topic=100%25,ecology", "source=x%25d", "year=20%2524"],
)
def test_a_percent_sign_in_a_filter_value_is_a_400_naming_the_parameter(client, query):
    response = client.get(f"/api/v1/articles/?{query}")
    assert response.status_code == 400
    assert query.split("=")[0] in response.json()
