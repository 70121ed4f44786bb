"""On PostgreSQL the database itself refuses to change or delete a ledger entry, so no
code path (raw SQL, another app, a shell) can bypass the append-only rule. The one
allowed change: clearing ``geboekt_door`` when that person's account is erased."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wijken_boeking_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.geboekt_door_id IS NULL
       AND (to_jsonb(NEW) - 'geboekt_door_id') = (to_jsonb(OLD) - 'geboekt_door_id') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'ledger entries are append-only (wijken_boeking %): book a correction', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER wijken_boeking_append_only
    BEFORE UPDATE OR DELETE ON wijken_boeking
    FOR EACH ROW EXECUTE FUNCTION wijken_boeking_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS wijken_boeking_append_only ON wijken_boeking;
DROP FUNCTION IF EXISTS wijken_boeking_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("wijken", "0003_boeking_geboekt_door_set_null")]

    operations = [migrations.RunPython(forwards, backwards)]
