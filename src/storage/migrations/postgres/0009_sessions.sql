-- Signed-in sessions in the store (issue 15); same table as the SQLite
-- dialect (see there and docs/security.md, "Sessions").
CREATE TABLE web_session (
  token_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  language TEXT NOT NULL DEFAULT 'nl',
  awaiting_second_factor INTEGER NOT NULL DEFAULT 0,
  pending_totp TEXT,
  created BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  idle_expires BIGINT NOT NULL,
  absolute_expires BIGINT NOT NULL
);
CREATE INDEX web_session_by_account ON web_session (username);
CREATE INDEX web_session_by_expiry ON web_session (idle_expires);
