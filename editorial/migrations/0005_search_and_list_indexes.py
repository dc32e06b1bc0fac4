"""Indexes for the claims list and full-text search over claim statements.

The list shows claims newest first, filtered by status or assignee: btree indexes on
those columns followed by the order serve each filter with a page read off the index.
Searching statements goes through the database's own full-text index
(``editorial/claims/search.py`` queries them):

- PostgreSQL: a GIN index on ``to_tsvector('english', statement)``.
- SQLite: an FTS5 table over the statements (external content, porter stemming), kept
  in step by triggers, so every write path (services, ``loaddata``, the admin) updates
  it. A later migration that makes SQLite rebuild ``editorial_claim`` drops these
  triggers; ``tests/editorial/test_search.py`` fails then, and a migration must create
  them again.
"""

from django.db import migrations

LIST_INDEXES = [
    "CREATE INDEX claim_list_order ON editorial_claim (created_at DESC, id DESC)",
    "CREATE INDEX claim_status_list_order ON editorial_claim (status, created_at DESC, id DESC)",
    "CREATE INDEX claim_assignee_list_order ON editorial_claim (assigned_to_id, created_at DESC, id DESC)",
]
LIST_INDEXES_DROP = [
    "DROP INDEX claim_list_order",
    "DROP INDEX claim_status_list_order",
    "DROP INDEX claim_assignee_list_order",
]

POSTGRES = [
    "CREATE INDEX editorial_claim_statement_fts ON editorial_claim "
    "USING gin (to_tsvector('english'::regconfig, statement))",
]
POSTGRES_DROP = ["DROP INDEX editorial_claim_statement_fts"]

SQLITE = [
    "CREATE VIRTUAL TABLE editorial_claim_fts USING fts5(statement, content='editorial_claim', "
    "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
    "INSERT INTO editorial_claim_fts(editorial_claim_fts) VALUES ('rebuild')",
    "CREATE TRIGGER editorial_claim_fts_insert AFTER INSERT ON editorial_claim BEGIN "
    "INSERT INTO editorial_claim_fts(rowid, statement) VALUES (new.id, new.statement); END",
    "CREATE TRIGGER editorial_claim_fts_delete AFTER DELETE ON editorial_claim BEGIN "
    "INSERT INTO editorial_claim_fts(editorial_claim_fts, rowid, statement) "
    "VALUES ('delete', old.id, old.statement); END",
    "CREATE TRIGGER editorial_claim_fts_update AFTER UPDATE OF statement ON editorial_claim BEGIN "
    "INSERT INTO editorial_claim_fts(editorial_claim_fts, rowid, statement) "
    "VALUES ('delete', old.id, old.statement); "
    "INSERT INTO editorial_claim_fts(rowid, statement) VALUES (new.id, new.statement); END",
]
SQLITE_DROP = [
    "DROP TRIGGER editorial_claim_fts_update",
    "DROP TRIGGER editorial_claim_fts_delete",
    "DROP TRIGGER editorial_claim_fts_insert",
    "DROP TABLE editorial_claim_fts",
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
        ("editorial", "0004_highlight_anchoring"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
