"""Indexes for the sources list and full-text search over source texts.

The list is ordered by publication date, newest first, and filtered by kind: two btree
indexes serve that on both databases. Searching the text goes through the database's own
full-text index, vendor by vendor (``sources/search.py`` queries them):

- PostgreSQL: a GIN index on ``to_tsvector('english', body)``.
- SQLite: an FTS5 table over the revisions' bodies (external content, porter stemming),
  kept in step by triggers, so every write path (services, ``loaddata``, the admin)
  updates it. A later migration that makes SQLite rebuild ``sources_revision`` drops
  these triggers; ``tests/editorial/test_search.py`` fails then, and a migration must
  create them again.
"""

from django.db import migrations

LIST_INDEXES = [
    "CREATE INDEX source_list_order ON sources_source (published_on DESC, title, id)",
    "CREATE INDEX source_kind_list_order ON sources_source (kind, published_on DESC, title, id)",
]
LIST_INDEXES_DROP = [
    "DROP INDEX source_list_order",
    "DROP INDEX source_kind_list_order",
]

POSTGRES = [
    "CREATE INDEX sources_revision_body_fts ON sources_revision "
    "USING gin (to_tsvector('english'::regconfig, body))",
]
POSTGRES_DROP = ["DROP INDEX sources_revision_body_fts"]

SQLITE = [
    "CREATE VIRTUAL TABLE sources_revision_fts USING fts5(body, content='sources_revision', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO sources_revision_fts(sources_revision_fts) VALUES ('rebuild')",
    "CREATE TRIGGER sources_revision_fts_insert AFTER INSERT ON sources_revision BEGIN "
    "INSERT INTO sources_revision_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER sources_revision_fts_delete AFTER DELETE ON sources_revision BEGIN "
    "INSERT INTO sources_revision_fts(sources_revision_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER sources_revision_fts_update AFTER UPDATE OF body ON sources_revision BEGIN "
    "INSERT INTO sources_revision_fts(sources_revision_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO sources_revision_fts(rowid, body) VALUES (new.id, new.body); END",
]
SQLITE_DROP = [
    "DROP TRIGGER sources_revision_fts_update",
    "DROP TRIGGER sources_revision_fts_delete",
    "DROP TRIGGER sources_revision_fts_insert",
    "DROP TABLE sources_revision_fts",
]


def _run(schema_editor, statements):
    for statement in statements:
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    _run(schema_editor, LIST_INDEXES)
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        _run(schema_editor, POSTGRES_DROP)
    elif vendor == "sqlite":
        _run(schema_editor, SQLITE_DROP)
    _run(schema_editor, LIST_INDEXES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0003_revision_files_summary_and_source_author"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
