-- opkomst schema: group work and support money (issue 13, docs/groups.md).
-- Same tables as the SQLite dialect. The role check of account admits the
-- facilitator (groepsbegeleider) and the referrer of issue 12
-- (doorverwijzer), so that this migration and theirs run in either order.
ALTER TABLE account DROP CONSTRAINT IF EXISTS account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('maatschappelijk_werker', 'teamverantwoordelijke',
  'onderzoeker', 'beheerder', 'groepsbegeleider', 'doorverwijzer'));

-- A group: formed by due date, run by one facilitator (an account).
CREATE TABLE work_group (
  group_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL,
  facilitator TEXT NOT NULL,
  location TEXT NOT NULL,
  due_from TEXT NOT NULL,
  due_to TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
CREATE INDEX work_group_by_facilitator ON work_group (facilitator);

-- A meeting, in Brussels wall-clock time (domain/schedule.h converts).
CREATE TABLE group_session (
  session_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES work_group (group_id) ON DELETE CASCADE,
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
  participant_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id BIGINT NOT NULL REFERENCES work_group (group_id) ON DELETE CASCADE,
  dossier_id TEXT COLLATE "C" REFERENCES dossier (dossier_id) ON DELETE SET NULL,
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
  session_id BIGINT NOT NULL REFERENCES group_session (session_id) ON DELETE CASCADE,
  participant_id BIGINT NOT NULL REFERENCES group_participant (participant_id) ON DELETE CASCADE,
  attendance TEXT NOT NULL CHECK (attendance IN ('aanwezig', 'verontschuldigd', 'afwezig')),
  recorded_by TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (session_id, participant_id)
);

-- The reminder outbox: one row per session, participant and kind; the
-- delivery log keeps every attempt. A failure is never deleted.
CREATE TABLE reminder (
  reminder_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id BIGINT NOT NULL REFERENCES group_session (session_id) ON DELETE CASCADE,
  participant_id BIGINT NOT NULL REFERENCES group_participant (participant_id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('week', 'dag', 'zelfde_dag')),
  due_at BIGINT NOT NULL,
  channel TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('gepland', 'verzonden', 'opnieuw', 'mislukt', 'geannuleerd')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT NOT NULL DEFAULT '',
  sent_at BIGINT,
  UNIQUE (session_id, participant_id, kind)
);
CREATE INDEX reminder_due ON reminder (status, next_attempt_at);
CREATE TABLE reminder_delivery (
  delivery_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reminder_id BIGINT NOT NULL REFERENCES reminder (reminder_id) ON DELETE CASCADE,
  attempt INTEGER NOT NULL,
  at BIGINT NOT NULL,
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
  item_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  item TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL,
  ceiling_per_grant BIGINT NOT NULL CHECK (ceiling_per_grant > 0),        -- euro cents
  ceiling_per_family_year BIGINT NOT NULL CHECK (ceiling_per_family_year > 0),
  active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE support_grant (
  grant_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dossier_id TEXT COLLATE "C" NOT NULL REFERENCES dossier (dossier_id) ON DELETE CASCADE,
  granted_on TEXT NOT NULL,
  item_id BIGINT REFERENCES support_item (item_id),
  item TEXT NOT NULL,
  category TEXT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),   -- euro cents
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
