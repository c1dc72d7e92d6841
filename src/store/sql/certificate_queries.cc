// SqlStore: HTTPS certificates, ACME challenges and leases.
#include <string>
#include <string_view>
#include <vector>

#include "store/row_mapping.h"
#include "store/sql/sql_store.h"

namespace samizdat::store::sql {

Status SqlStore::PutCertificate(const StoredCertificate& certificate) {
  if (certificate.host.empty()) return Status::InvalidArgument("a certificate needs a host");
  int64_t updated = certificate.updated == Time{} ? NowMillis() : Millis(certificate.updated);
  return Write([&](Connection& conn) -> Status {
    return conn.Execute(
        "INSERT INTO tls_certificates (host, chain_pem, key_pem, not_after_ms, updated_ms) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (host) DO UPDATE SET "
        "chain_pem = excluded.chain_pem, key_pem = excluded.key_pem, "
        "not_after_ms = excluded.not_after_ms, updated_ms = excluded.updated_ms",
        Params()
            .Add(certificate.host)
            .Add(certificate.chain_pem)
            .Add(certificate.key_pem)
            .Add(Millis(certificate.not_after))
            .Add(updated));
  });
}

Result<std::vector<StoredCertificate>> SqlStore::ListCertificates() {
  return Read([&](Connection& conn) -> Result<std::vector<StoredCertificate>> {
    return conn.Collect(
        "SELECT host, chain_pem, key_pem, not_after_ms, updated_ms FROM tls_certificates "
        "ORDER BY host COLLATE \"C\"",
        Params(), [](const Rows& row) {
          return StoredCertificate{row.Text(0), row.Text(1), row.Text(2), FromMillis(row.Int64(3)),
                                   FromMillis(row.Int64(4))};
        });
  });
}

Status SqlStore::PutAcmeChallenge(std::string_view token, std::string_view key_authorization,
                                  Time expires) {
  if (token.empty() || !Storable(token) || !Storable(key_authorization)) {
    return Status::InvalidArgument("an ACME challenge needs a token and a key authorization");
  }
  return Write([&](Connection& conn) -> Status {
    return conn.Execute(
        "INSERT INTO acme_challenges (token, key_authorization, expires_ms) VALUES ($1, $2, $3) "
        "ON CONFLICT (token) DO UPDATE SET key_authorization = excluded.key_authorization, "
        "expires_ms = excluded.expires_ms",
        Params().Add(token).Add(key_authorization).Add(Millis(expires)));
  });
}

Result<std::string> SqlStore::GetAcmeChallenge(std::string_view token, Time now) {
  if (!Storable(token)) return Status::NotFound("no such ACME challenge");
  return Read([&](Connection& conn) -> Result<std::string> {
    bool found = false;
    Result<Rows> row = conn.First(
        "SELECT key_authorization FROM acme_challenges WHERE token = $1 AND expires_ms > $2",
        Params().Add(token).Add(Millis(now)), &found);
    if (!row.ok()) return row.status();
    if (!found) return Status::NotFound("no such ACME challenge");
    return row->Text(0);
  });
}

Status SqlStore::DeleteAcmeChallenge(std::string_view token) {
  return Write([&](Connection& conn) -> Status {
    return conn.Execute("DELETE FROM acme_challenges WHERE token = $1", Params().Add(token));
  });
}

Result<bool> SqlStore::TakeLease(std::string_view name, std::string_view holder, Time now,
                                 Time until) {
  return Write([&](Connection& conn) -> Result<bool> {
    // The row lock of the upsert decides between processes asking at once; the loser's
    // WHERE then sees the winner's lease and changes nothing.
    Result<int64_t> taken = conn.Run(
        "INSERT INTO leases (name, holder, until_ms) VALUES ($1, $2, $4) "
        "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms "
        "WHERE leases.until_ms <= $3 OR leases.holder = excluded.holder",
        Params().Add(name).Add(holder).Add(Millis(now)).Add(Millis(until)));
    if (!taken.ok()) return taken.status();
    return *taken > 0;
  });
}

Status SqlStore::ReleaseLease(std::string_view name, std::string_view holder) {
  return Write([&](Connection& conn) -> Status {
    return conn.Execute("DELETE FROM leases WHERE name = $1 AND holder = $2",
                        Params().Add(name).Add(holder));
  });
}

}  // namespace samizdat::store::sql
