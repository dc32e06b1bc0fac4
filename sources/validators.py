"""Validators shared by models and forms."""

from django.core.validators import URLValidator

#: Source and evidence URLs: only web addresses an editor can open.
web_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address starting with http:// or https://.",
)
