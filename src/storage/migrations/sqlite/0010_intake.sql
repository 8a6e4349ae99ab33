-- opkomst schema (SQLite): the central intake point (issue 12,
-- docs/intake.md). Partner organisations and their accounts, referrals
-- under the mother's consent, the weekly meeting.
--
-- The role doorverwijzer: SQLite cannot change a CHECK constraint, so the
-- account table is rebuilt with every row and column kept.
CREATE TABLE account_new (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('maatschappelijk_werker', 'teamverantwoordelijke', 'onderzoeker', 'beheerder',
                                     'doorverwijzer')),
  password_hash TEXT NOT NULL,
  totp_secret TEXT,
  capacity INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  first_failed_at INTEGER,
  locked_until INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  last_totp_step INTEGER,
  activation_hash TEXT,
  activation_expires INTEGER,
  confirmed INTEGER NOT NULL DEFAULT 1,
  created_by TEXT
);
INSERT INTO account_new (username, display_name, role, password_hash, totp_secret, capacity, active, failed_attempts,
                         first_failed_at, locked_until, created_at, last_totp_step, activation_hash,
                         activation_expires, confirmed, created_by)
SELECT username, display_name, role, password_hash, totp_secret, capacity, active, failed_attempts, first_failed_at,
       locked_until, created_at, last_totp_step, activation_hash, activation_expires, confirmed, created_by
FROM account;
DROP TABLE account;
ALTER TABLE account_new RENAME TO account;

CREATE TABLE partner_organisation (
  organisation_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('ziekenhuis', 'medisch', 'kind_en_gezin', 'wijkgezondheidscentrum',
                                     'interne_stadsdienst', 'andere')),
  internal INTEGER NOT NULL CHECK (internal IN (0, 1)),
  active INTEGER NOT NULL DEFAULT 1
);

-- A doorverwijzer account belongs to exactly one organisation.
CREATE TABLE account_organisation (
  username TEXT PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES partner_organisation (organisation_id)
);

CREATE TABLE referral (
  referral_id INTEGER PRIMARY KEY,
  organisation_id INTEGER REFERENCES partner_organisation (organisation_id),  -- NULL = self-referral
  channel TEXT NOT NULL CHECK (channel IN ('partner', 'mail', 'telefoon', 'zelf')),
  submitted_by TEXT NOT NULL,
  received_on TEXT NOT NULL,
  pregnant INTEGER NOT NULL,
  due_date TEXT,
  child_birth_date TEXT,
  first_pregnancy INTEGER,
  mother_age INTEGER,
  reasons TEXT NOT NULL DEFAULT '',     -- codes, comma-separated
  urgency TEXT NOT NULL,
  contact_consent_how TEXT NOT NULL CHECK (contact_consent_how IN ('schriftelijk', 'mondeling')),
  contact_consent_on TEXT NOT NULL,
  contact_consent_by TEXT NOT NULL,
  share_categories INTEGER NOT NULL DEFAULT 0,
  share_until TEXT,
  withdrawn_on TEXT,
  born_in_belgium TEXT,
  hint INTEGER NOT NULL DEFAULT 0,      -- the Opkomst+ hint at submission
  hint_inputs INTEGER NOT NULL DEFAULT 0,  -- bits: single, partner without papers, no stable relationship
  mother_id TEXT,
  status TEXT NOT NULL DEFAULT 'nieuw' CHECK (status IN ('nieuw', 'geagendeerd', 'beslist')),
  meeting_date TEXT,
  decision TEXT,
  decision_detail TEXT,                 -- to whom (a service), or the decline reason code: never about her
  decided_on TEXT,
  decided_by TEXT,
  assigned_worker TEXT,
  dossier_id TEXT,
  identity_sealed TEXT,                 -- sealed; NULL once erased (retention)
  note_sealed TEXT,                     -- sealed
  identity_erased_on TEXT
);
CREATE INDEX referral_by_organisation ON referral (organisation_id, referral_id);
CREATE INDEX referral_by_status ON referral (status, received_on);
CREATE INDEX referral_by_dossier ON referral (dossier_id);

CREATE TABLE meeting (
  meeting_date TEXT PRIMARY KEY,
  opened_by TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE meeting_participant (
  meeting_date TEXT NOT NULL REFERENCES meeting (meeting_date),
  participant TEXT NOT NULL,
  PRIMARY KEY (meeting_date, participant)
) WITHOUT ROWID;

-- Items added by hand (the automatic ones are computed when the page is shown).
CREATE TABLE agenda_item (
  item_id INTEGER PRIMARY KEY,
  meeting_date TEXT NOT NULL REFERENCES meeting (meeting_date),
  dossier_id TEXT,
  referral_id INTEGER,
  added_by TEXT NOT NULL,
  note_sealed TEXT NOT NULL
);
CREATE INDEX agenda_by_meeting ON agenda_item (meeting_date, item_id);
