-- The store's data version (issue 14): one counter that changes in the same
-- transaction as any change to the dossiers or their records, so a cached
-- report can tell that nothing changed since it was computed. Every write
-- of a dossier's measurements or scores bumps the dossier's version (the
-- optimistic-concurrency rule), so the triggers on dossier see them all; a
-- bulk import bumps the counter itself once, when it commits. Running it
-- again changes nothing (a test rewinds the schema past it).
CREATE TABLE IF NOT EXISTS data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  counter INTEGER NOT NULL
);
INSERT INTO data_version (id, counter) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
CREATE TRIGGER IF NOT EXISTS dossier_insert_data_version AFTER INSERT ON dossier
BEGIN
  UPDATE data_version SET counter = counter + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS dossier_update_data_version AFTER UPDATE ON dossier
BEGIN
  UPDATE data_version SET counter = counter + 1 WHERE id = 1;
END;
CREATE TRIGGER IF NOT EXISTS dossier_delete_data_version AFTER DELETE ON dossier
BEGIN
  UPDATE data_version SET counter = counter + 1 WHERE id = 1;
END;
