-- The store's data version (issue 14): one counter that changes in the same
-- transaction as any change to the dossiers or their records, so a cached
-- report can tell that nothing changed since it was computed. Every write
-- of a dossier's measurements or scores bumps the dossier's version (the
-- optimistic-concurrency rule), so the triggers on dossier see them all; a
-- bulk import bumps the counter itself once, when it commits. Running it
-- again changes nothing (a test rewinds the schema past it). Here the
-- triggers fire once per statement, and on the record tables too.
CREATE TABLE IF NOT EXISTS data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  counter BIGINT NOT NULL,
  bumped_by BIGINT  -- the transaction that bumped it last: once per transaction is enough
);
INSERT INTO data_version (id, counter) VALUES (1, 1) ON CONFLICT (id) DO NOTHING;
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_version SET counter = counter + 1, bumped_by = txid_current()
  WHERE id = 1 AND bumped_by IS DISTINCT FROM txid_current();
  RETURN NULL;
END;
$$;
CREATE OR REPLACE TRIGGER dossier_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dossier
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE OR REPLACE TRIGGER measurement_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measurement
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE OR REPLACE TRIGGER score_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON score
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE OR REPLACE TRIGGER interview_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON interview
  FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
