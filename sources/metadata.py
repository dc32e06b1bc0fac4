"""The one list of a source's metadata: the descriptive fields an editor may change.

Everything that reads or writes a source's details uses it: the import (command options
and sidecar files), ``source_update_metadata``, the desk's edit page and the revert of a
source's details. A field added here is editable, importable and restorable at once.
The text is not metadata: it changes only through a new revision.
"""

METADATA_FIELDS = (
    "title",
    "publisher",
    "author",
    "url",
    "kind",
    "language",
    "published_on",
    "published_on_note",
)
