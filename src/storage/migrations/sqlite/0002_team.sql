-- opkomst schema version 2 (SQLite): the web application's tables.
-- Accounts, the append-only audit trail, the contact log and the sealed
-- identifying details of a dossier (see docs/security.md).
CREATE TABLE account (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('maatschappelijk_werker', 'teamverantwoordelijke', 'onderzoeker', 'beheerder')),
  password_hash TEXT NOT NULL,   -- argon2id string (libsodium crypto_pwhash_str)
  totp_secret TEXT,              -- sealed; NULL = no second factor
  capacity INTEGER,              -- families a worker can carry (full-time about 10-12 Opkomst+)
  active INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  first_failed_at INTEGER,       -- unix seconds of the first failure in the window
  locked_until INTEGER,          -- unix seconds
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Never holds sensitive values: who did what to which dossier, and the outcome.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  dossier_id TEXT,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_by_dossier ON audit_log (dossier_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE contact (
  contact_id INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  contact_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('huisbezoek', 'telefoon', 'bericht', 'begeleiding')),
  note TEXT NOT NULL,            -- sealed
  author TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX contact_by_dossier ON contact (dossier_id, contact_date);

-- Name and contact details of the mother, sealed with the server's key.
CREATE TABLE dossier_identity (
  dossier_id TEXT PRIMARY KEY REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  sealed TEXT NOT NULL
) WITHOUT ROWID;

CREATE INDEX dossier_by_worker ON dossier (social_worker, dossier_id);
-- The caseload: running dossiers of one worker.
CREATE INDEX dossier_running_by_worker ON dossier (social_worker, dossier_id) WHERE end_date IS NULL;
