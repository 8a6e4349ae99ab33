-- Forms kept for after sign-in (issue 11, finding 2; red-team finding on
-- the stash): a form posted after its session ended is kept here, sealed
-- with the server's key, so that it survives a restart and any server of a
-- group can give it back. Only the SHA-256 of its one-time id is stored.
CREATE TABLE kept_form (
  id_hash TEXT PRIMARY KEY,   -- SHA-256 hex of the one-time id in /hervatten/{id}
  username TEXT NOT NULL,     -- the account whose ended session posted it
  sealed TEXT NOT NULL,       -- the path and the fields, sealed (never plain)
  kept_at INTEGER NOT NULL,   -- unix seconds
  expires INTEGER NOT NULL    -- kept_at + the lifetime; compared in the query
);
CREATE INDEX kept_form_by_account ON kept_form (username);
