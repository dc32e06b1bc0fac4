"""What the JSON API answers in: JSON, and the same JSON as JSON-LD for clients that
ask for ``application/ld+json`` (with or without the W3C annotation profile)."""

from rest_framework.renderers import JSONRenderer


class JsonLdRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"
