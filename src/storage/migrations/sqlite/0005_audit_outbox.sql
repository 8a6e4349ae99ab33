-- The audit events of changes, written in the change's own transaction
-- (storage/unit_of_work.h), so a change and its audit record commit
-- together or not at all. The audit writer moves them into the hash chain
-- and then deletes them; the chain remembers each event's key, so a crash
-- between chaining and deleting never chains an event twice.
CREATE TABLE audit_outbox (
  outbox_key TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  dossier_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
ALTER TABLE audit_log ADD COLUMN outbox_key TEXT;
CREATE UNIQUE INDEX audit_by_outbox_key ON audit_log (outbox_key);
