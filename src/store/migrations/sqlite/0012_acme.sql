-- 0012_acme: HTTPS certificates kept in the store, so that every node serves the same
-- ones (service/certificates.h). Each host's certificate chain and private key (PEM) and
-- when it expires; the key authorizations of the ACME HTTP-01 challenges being validated
-- (any node may be asked for one); and leases: which process does a job (ordering
-- certificates) until when, so that only one orders at a time.
CREATE TABLE tls_certificates (
  host         TEXT PRIMARY KEY,
  chain_pem    TEXT NOT NULL,
  key_pem      TEXT NOT NULL,
  not_after_ms INTEGER NOT NULL,
  updated_ms   INTEGER NOT NULL
);
CREATE TABLE acme_challenges (
  token             TEXT PRIMARY KEY,
  key_authorization TEXT NOT NULL,
  expires_ms        INTEGER NOT NULL
);
CREATE TABLE leases (
  name     TEXT PRIMARY KEY,
  holder   TEXT NOT NULL,
  until_ms INTEGER NOT NULL
);
