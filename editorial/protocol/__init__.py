"""The W3C Web Annotation Protocol: an annotation container per source, and its annotations.

https://www.w3.org/TR/annotation-protocol/ — each source's container is an LDP Basic
Container (GET/HEAD/OPTIONS/POST) listing its highlights as annotations in pages; each
annotation answers GET/HEAD/OPTIONS/PUT/DELETE. Writes go through the desk's services,
with its roles, history and version checks (``If-Match`` on the ETag).
"""
