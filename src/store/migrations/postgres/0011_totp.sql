-- 0011_totp: an account's two-step sign-in (RFC 6238 TOTP). The secret sealed with the
-- instance's key (empty: none), whether it is on (off while a new secret waits for the
-- first code from the user's app), and the last 30-second step whose code was accepted
-- (a code is accepted once).
ALTER TABLE users ADD COLUMN totp_secret BYTEA NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN totp_on BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
