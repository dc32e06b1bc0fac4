"""The JSON API described as OpenAPI 3 (drf-spectacular): what each endpoint takes and
gives, for the schema at ``/api/schema/`` and the reference page at ``/api/docs/``."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)

from editorial.api.serializers import ClaimChangeSerializer

PAGE = OpenApiParameter(
    "page", OpenApiTypes.INT, description="Page number, from 1.", required=False
)
REFUSED = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Bad input: a message per field; nothing changed.",
    ),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description="No token or session."),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description="Not allowed for your role."),
    404: OpenApiResponse(OpenApiTypes.OBJECT, description="No such object."),
}

source_annotations = extend_schema(
    summary="A source's highlights as a W3C AnnotationCollection",
    parameters=[PAGE],
    responses={200: OpenApiTypes.OBJECT, **REFUSED},
)
source_highlights = extend_schema(
    summary="What the reader's side panel shows for some highlights",
    parameters=[
        OpenApiParameter(
            "ids",
            OpenApiTypes.STR,
            required=True,
            description="Comma-separated highlight ids, at most 50.",
        )
    ],
    responses={200: OpenApiTypes.OBJECT, **REFUSED},
)
annotation_create = extend_schema(
    summary="Store one W3C Annotation (highlight its words, attach its claims)",
    request={
        "application/json": OpenApiTypes.OBJECT,
        "application/ld+json": OpenApiTypes.OBJECT,
    },
    responses={201: OpenApiTypes.OBJECT, **REFUSED},
)
annotation_detail = extend_schema(
    summary="One annotation", responses={200: OpenApiTypes.OBJECT, **REFUSED}
)
claim_list = extend_schema(
    operation_id="api_claims_list",
    summary="Claims whose statement has every word of q",
    parameters=[
        OpenApiParameter("q", OpenApiTypes.STR, required=False),
        OpenApiParameter("status", OpenApiTypes.STR, required=False),
        PAGE,
    ],
    responses={200: OpenApiTypes.OBJECT, **REFUSED},
)
claim_detail = extend_schema(
    summary="A claim; PATCH changes it (with its version)",
    request=ClaimChangeSerializer,
    responses={200: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT, **REFUSED},
)


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "editorial.api.authentication.ApiTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`: make a key on /accounts/me/.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "editorial.api.authentication.SameOriginSessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "cookie", "name": "sessionid"}


ANNOTATION_TYPES = {
    "application/ld+json": OpenApiTypes.OBJECT,
    "application/json": OpenApiTypes.OBJECT,
}
PROTOCOL = {200: OpenApiTypes.OBJECT, **REFUSED, 406: OpenApiTypes.OBJECT}

container = extend_schema_view(
    get=extend_schema(
        operation_id="annotation_container_read",
        summary="A source's annotation container (W3C Web Annotation Protocol)",
        parameters=[PAGE, OpenApiParameter("iris", OpenApiTypes.INT, required=False)],
        responses=PROTOCOL,
    ),
    post=extend_schema(
        summary="Add an annotation to the container (Slug header: a name for it)",
        request=ANNOTATION_TYPES,
        responses={201: OpenApiTypes.OBJECT, **PROTOCOL},
    ),
)
annotation = extend_schema_view(
    get=extend_schema(
        operation_id="annotation_read", summary="One annotation", responses=PROTOCOL
    ),
    put=extend_schema(
        summary="Replace an annotation's bodies (If-Match required)",
        request=ANNOTATION_TYPES,
        responses={**PROTOCOL, 412: OpenApiTypes.OBJECT, 428: OpenApiTypes.OBJECT},
    ),
    delete=extend_schema(
        summary="Delete an annotation (If-Match required; kept in history)",
        responses={
            204: None,
            **REFUSED,
            412: OpenApiTypes.OBJECT,
            428: OpenApiTypes.OBJECT,
        },
    ),
)
