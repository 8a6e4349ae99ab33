-- Reports released to researchers (docs/security.md, "Reports that leave
-- the team"): who, when, which filters, and the exact dossier sets shown, so
-- that no later report can be subtracted from them to single out a mother.
CREATE TABLE report_release (
  id INTEGER PRIMARY KEY,
  account TEXT NOT NULL,
  released_at TEXT NOT NULL,
  filters TEXT NOT NULL,
  populations TEXT NOT NULL   -- report::EncodeRelease: "P2 id,id,...\n" per set
);
CREATE INDEX report_release_account ON report_release (account);
