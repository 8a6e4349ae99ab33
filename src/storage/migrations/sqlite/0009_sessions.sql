-- Signed-in sessions in the store (issue 15): a restart signs no one out
-- and any server of a group serves any request. Only the SHA-256 of the
-- token is kept; the token itself lives in the browser's cookie. Expiry is
-- a pair of moments (unix seconds), compared in the query that finds a
-- session, so no server ever accepts an expired one.
CREATE TABLE web_session (
  token_hash TEXT PRIMARY KEY,          -- SHA-256 hex of the cookie's token
  username TEXT NOT NULL,               -- the account; its role is read at every request
  csrf_token TEXT NOT NULL,             -- hidden field of every form of this session
  language TEXT NOT NULL DEFAULT 'nl',  -- 'nl' or 'en'
  awaiting_second_factor INTEGER NOT NULL DEFAULT 0,
  pending_totp TEXT,                    -- sealed secret being enrolled on /account; NULL = none
  created INTEGER NOT NULL,
  last_seen INTEGER NOT NULL,           -- touched at most once a minute
  idle_expires INTEGER NOT NULL,        -- last_seen + the idle limit
  absolute_expires INTEGER NOT NULL     -- created + the absolute limit
);
CREATE INDEX web_session_by_account ON web_session (username);
CREATE INDEX web_session_by_expiry ON web_session (idle_expires);
