-- Forms kept for after sign-in; same table as the SQLite dialect (see
-- there and docs/security.md, "The worker's day").
CREATE TABLE kept_form (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  sealed TEXT NOT NULL,
  kept_at BIGINT NOT NULL,
  expires BIGINT NOT NULL
);
CREATE INDEX kept_form_by_account ON kept_form (username);
