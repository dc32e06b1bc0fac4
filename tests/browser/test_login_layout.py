"""The log-in form's fields line up: one left edge, one width, labels above them."""

import pytest
from django.urls import reverse

from .conftest import screenshot


@pytest.mark.parametrize("width", [390, 1366])
def test_the_log_in_fields_are_aligned(browser, live_server, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, base_url=live_server.url
    )
    page = context.new_page()
    page.goto(reverse("login"))
    username = page.get_by_label("Username").bounding_box()
    password = page.get_by_label("Password").bounding_box()
    assert username["x"] == password["x"]
    assert username["width"] == password["width"]
    label = page.locator("label[for=id_password]").bounding_box()
    assert label["y"] + label["height"] <= password["y"]
    screenshot(page, f"login-{width}")
    context.close()
