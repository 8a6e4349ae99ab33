-- opkomst schema: group work and support money (issue 13, docs/groups.md).
-- The role check of account admits the facilitator (groepsbegeleider) and
-- the referrer of issue 12 (doorverwijzer), so that this migration and
-- theirs can run in either order. SQLite cannot alter a CHECK: the table is
-- rebuilt with every row (nothing references account by key).
CREATE TABLE account_rebuilt (
  username TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('maatschappelijk_werker', 'teamverantwoordelijke', 'onderzoeker', 'beheerder',
                                     'groepsbegeleider', 'doorverwijzer')),
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
INSERT INTO account_rebuilt (username, display_name, role, password_hash, totp_secret, capacity, active,
                             failed_attempts, first_failed_at, locked_until, created_at, last_totp_step,
                             activation_hash, activation_expires, confirmed, created_by)
SELECT username, display_name, role, password_hash, totp_secret, capacity, active, failed_attempts, first_failed_at,
       locked_until, created_at, last_totp_step, activation_hash, activation_expires, confirmed, created_by
FROM account;
DROP TABLE account;
ALTER TABLE account_rebuilt RENAME TO account;

-- A group: formed by due date, run by one facilitator (an account).
CREATE TABLE work_group (
  group_id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  facilitator TEXT NOT NULL,
  location TEXT NOT NULL,
  due_from TEXT NOT NULL,
  due_to TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX work_group_by_facilitator ON work_group (facilitator);

-- A meeting, in Brussels wall-clock time (domain/schedule.h converts).
CREATE TABLE group_session (
  session_id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES work_group (group_id) ON DELETE CASCADE,
  session_date TEXT NOT NULL,
  start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
  topic TEXT NOT NULL,
  location TEXT NOT NULL,
  after_birth INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX group_session_by_group ON group_session (group_id, session_date);

-- A mother in a group: from her dossier, or a light registration (no
-- dossier). First name and contact are sealed with the server's key.
CREATE TABLE group_participant (
  participant_id INTEGER PRIMARY KEY,
  group_id INTEGER NOT NULL REFERENCES work_group (group_id) ON DELETE CASCADE,
  dossier_id TEXT REFERENCES dossier (dossier_id) ON DELETE SET NULL,
  sealed_contact TEXT NOT NULL,
  due_date TEXT NOT NULL,
  language TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('whatsapp', 'email', 'sms')),
  consent_contact INTEGER NOT NULL,
  consent_reminders INTEGER NOT NULL,
  opted_out_at TEXT,
  enrolled_by TEXT NOT NULL,
  enrolled_at TEXT NOT NULL,
  UNIQUE (group_id, dossier_id)
);

CREATE TABLE group_attendance (
  session_id INTEGER NOT NULL REFERENCES group_session (session_id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES group_participant (participant_id) ON DELETE CASCADE,
  attendance TEXT NOT NULL CHECK (attendance IN ('aanwezig', 'verontschuldigd', 'afwezig')),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, participant_id)
);

-- The reminder outbox: one row per session, participant and kind; the
-- delivery log keeps every attempt. A failure is never deleted.
CREATE TABLE reminder (
  reminder_id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES group_session (session_id) ON DELETE CASCADE,
  participant_id INTEGER NOT NULL REFERENCES group_participant (participant_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('week', 'dag', 'zelfde_dag')),
  due_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('gepland', 'verzonden', 'opnieuw', 'mislukt', 'geannuleerd')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at INTEGER,
  UNIQUE (session_id, participant_id, kind)
);
CREATE INDEX reminder_due ON reminder (status, next_attempt_at);
CREATE TABLE reminder_delivery (
  delivery_id INTEGER PRIMARY KEY,
  reminder_id INTEGER NOT NULL REFERENCES reminder (reminder_id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  at INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT ''
);

-- Templates the team adds (another language, other wording); the shipped
-- Dutch and English ones live in data/reminders.txt.
CREATE TABLE message_template (
  language TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (language, kind)
);

-- Support money: the city's framework, kept by the team lead.
CREATE TABLE support_item (
  item_id INTEGER PRIMARY KEY,
  item TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  ceiling_per_grant INTEGER NOT NULL CHECK (ceiling_per_grant > 0),        -- euro cents
  ceiling_per_family_year INTEGER NOT NULL CHECK (ceiling_per_family_year > 0),
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE support_grant (
  grant_id INTEGER PRIMARY KEY,
  dossier_id TEXT NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  granted_on TEXT NOT NULL,
  item_id INTEGER REFERENCES support_item (item_id),
  item TEXT NOT NULL,
  category TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),   -- euro cents
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('toegekend', 'aangevraagd', 'goedgekeurd', 'geweigerd')),
  decision_reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT,
  decided_at TEXT,
  registered_by TEXT NOT NULL,
  registered_at TEXT NOT NULL
);
CREATE INDEX support_grant_by_dossier ON support_grant (dossier_id, granted_on);
CREATE INDEX support_grant_by_status ON support_grant (status);
