-- 0010_signin: failed sign-ins by account and source, so that throttling holds back one
-- address (or one known device) trying one account, not the account itself. The old
-- rows ("account:EMAIL" or "ip:HASH" keys) are dropped: they only delayed sign-ins.
DROP TABLE sign_in_failures;
CREATE TABLE sign_in_failures (
  account TEXT NOT NULL,               -- the email as typed, lowercased
  source  TEXT NOT NULL,               -- "ip:HASH" or "device:NONCE"
  at_ms   INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_account ON sign_in_failures (account, source, at_ms);

-- One-time sign-in links (`samizdat user reset`): the token's hash only, like sessions.
CREATE TABLE sign_in_links (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  expires_ms INTEGER NOT NULL
);
