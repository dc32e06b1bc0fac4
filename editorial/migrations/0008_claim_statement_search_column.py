"""PostgreSQL: claim statements' words kept in a stored column, and the GIN index on it.

Searching the claims list for common words ("reassurance force", 3,473 of 100,000
claims) made PostgreSQL walk the list's order and check each claim against the words,
parsing its statement again with ``to_tsvector`` for every row it checked (about 1,000
rows, 17–28 ms). A stored ``tsvector`` column, computed by PostgreSQL itself whenever a
statement is written (``GENERATED ALWAYS ... STORED``, so every write path keeps it
right), makes that check a lookup, as PostgreSQL's documentation advises ("Creating
Indexes" in the chapter on text search). The column is PostgreSQL's alone: the model
does not know it, and SQLite keeps its FTS5 table (migration 0005).

A later migration that changes the type of ``statement`` must drop the column first
(PostgreSQL refuses to alter a column a generated column reads) and add it again.
"""

from django.db import migrations

POSTGRES = [
    "ALTER TABLE editorial_claim ADD COLUMN statement_search tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english'::regconfig, statement)) STORED",
    "CREATE INDEX editorial_claim_statement_search ON editorial_claim "
    "USING gin (statement_search)",
    "DROP INDEX editorial_claim_statement_fts",
]
POSTGRES_BACK = [
    "CREATE INDEX editorial_claim_statement_fts ON editorial_claim "
    "USING gin (to_tsvector('english'::regconfig, statement))",
    "DROP INDEX editorial_claim_statement_search",
    "ALTER TABLE editorial_claim DROP COLUMN statement_search",
]


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for statement in statements:
            schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, POSTGRES)


def backwards(apps, schema_editor):
    _run(schema_editor, POSTGRES_BACK)


class Migration(migrations.Migration):
    dependencies = [("editorial", "0007_reader_covering_indexes")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
