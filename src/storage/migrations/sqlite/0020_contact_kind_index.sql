-- The caseload and the intake overview ask, per running dossier, for the
-- first home visit: min(contact_date) WHERE kind = 'huisbezoek'. With only
-- (dossier_id, contact_date) that walked every contact of the dossier and
-- looked each row up, so the page slowed down as contacts piled up (the
-- long load of issue 15). With the kind in the key it is one index seek.
CREATE INDEX contact_by_dossier_kind ON contact (dossier_id, kind, contact_date);
