// The X.509 objects an ACME client makes and reads: the certificate signing request of
// an order (RFC 8555 §7.4), the TLS-ALPN-01 challenge certificate (RFC 8737 §3), and the
// expiry of an issued chain.
//
// Errors: InvalidArgument for a host that is not a DNS name or a PEM text that holds no
// certificate; Internal when OpenSSL fails underneath.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "acme/ec_key.h"
#include "core/status.h"
#include "core/time.h"

namespace samizdat::acme {

// A certificate chain (leaf first) and its private key, both PEM.
struct CertificatePem {
  std::string chain;
  std::string key;
};

// Whether `host` is a DNS name ACME can issue for: dot-separated labels of letters,
// digits and hyphens, at most 253 characters, no port.
bool IsDnsName(std::string_view host);

// A PKCS#10 request (DER) signed by `key`, naming every one of `hosts` as a
// subjectAltName dNSName (the first also as the subject's CN when it fits its 64
// characters). InvalidArgument when `hosts` is empty or one is not a DNS name.
Result<std::string> MakeCsr(const EcKey& key, const std::vector<std::string>& hosts);

// A self-signed certificate for `host` (its only dNSName), valid for a week, carrying
// the critical acmeIdentifier extension (1.3.6.1.5.5.7.1.31) whose value is the DER
// OCTET STRING of SHA-256(`key_authorization`), with a new P-256 key.
Result<CertificatePem> MakeAlpnChallengeCertificate(std::string_view host,
                                                    std::string_view key_authorization);

// When the first certificate of `chain_pem` (the leaf) stops being valid.
Result<Time> LeafNotAfter(std::string_view chain_pem);

}  // namespace samizdat::acme
