// MakeCsr, MakeAlpnChallengeCertificate and LeafNotAfter on OpenSSL's X509 API.
#include "acme/certificates.h"

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>

#include "acme/openssl_util.h"

namespace samizdat::acme {
namespace {

using X509Ptr = OpenSslPtr<X509, X509_free>;
using ReqPtr = OpenSslPtr<X509_REQ, X509_REQ_free>;
using ExtPtr = OpenSslPtr<X509_EXTENSION, X509_EXTENSION_free>;
using ObjPtr = OpenSslPtr<ASN1_OBJECT, ASN1_OBJECT_free>;
using OctetsPtr = OpenSslPtr<ASN1_OCTET_STRING, ASN1_OCTET_STRING_free>;
using NamesPtr = OpenSslPtr<GENERAL_NAMES, GENERAL_NAMES_free>;

void FreeExtensions(STACK_OF(X509_EXTENSION) * extensions) {
  sk_X509_EXTENSION_pop_free(extensions, X509_EXTENSION_free);
}
using ExtsPtr = OpenSslPtr<STACK_OF(X509_EXTENSION), FreeExtensions>;

// The subjectAltName extension naming `hosts`.
Result<ExtPtr> SubjectAltNames(const std::vector<std::string>& hosts) {
  NamesPtr names(GENERAL_NAMES_new());
  if (!names) return OpenSslError("making subjectAltName");
  for (const std::string& host : hosts) {
    GENERAL_NAME* name =
        a2i_GENERAL_NAME(nullptr, nullptr, nullptr, GEN_DNS, const_cast<char*>(host.c_str()), 0);
    if (name == nullptr || sk_GENERAL_NAME_push(names.get(), name) == 0) {
      GENERAL_NAME_free(name);
      return OpenSslError("making subjectAltName");
    }
  }
  ExtPtr extension(X509V3_EXT_i2d(NID_subject_alt_name, 0, names.get()));
  if (!extension) return OpenSslError("making subjectAltName");
  return extension;
}

Status CheckHosts(const std::vector<std::string>& hosts) {
  if (hosts.empty()) return Status::InvalidArgument("a certificate needs at least one host");
  for (const std::string& host : hosts) {
    if (!IsDnsName(host)) return Status::InvalidArgument(host + " is not a DNS name");
  }
  return Status::Ok();
}

Status SetCommonName(X509_NAME* name, const std::string& host) {
  if (host.size() > 64) return Status::Ok();  // ub-common-name: the SAN alone names it
  if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                 reinterpret_cast<const unsigned char*>(host.c_str()), -1, -1,
                                 0) != 1) {
    return OpenSslError("naming the subject");
  }
  return Status::Ok();
}

Result<std::string> Pem(X509* certificate) {
  auto bio = MemoryBio();
  if (!bio || PEM_write_bio_X509(bio.get(), certificate) != 1) {
    return OpenSslError("writing a certificate");
  }
  return BioText(bio.get());
}

}  // namespace

bool IsDnsName(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t label = 0;
  char previous = '.';
  for (char c : host) {
    if (c == '.') {
      if (label == 0 || previous == '-') return false;
      label = 0;
    } else {
      bool letter_digit =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!letter_digit && (c != '-' || label == 0)) return false;
      if (++label > 63) return false;
    }
    previous = c;
  }
  return label > 0 && previous != '-';
}

Result<std::string> MakeCsr(const EcKey& key, const std::vector<std::string>& hosts) {
  SAMIZDAT_RETURN_IF_ERROR(CheckHosts(hosts));
  ReqPtr request(X509_REQ_new());
  if (!request || X509_REQ_set_version(request.get(), 0) != 1) return OpenSslError("making a CSR");
  SAMIZDAT_RETURN_IF_ERROR(SetCommonName(X509_REQ_get_subject_name(request.get()), hosts[0]));
  auto san = SubjectAltNames(hosts);
  if (!san.ok()) return san.status();
  ExtsPtr extensions(sk_X509_EXTENSION_new_null());
  if (!extensions || sk_X509_EXTENSION_push(extensions.get(), san->get()) == 0) {
    return OpenSslError("making a CSR");
  }
  san->release();  // the stack owns it now
  if (X509_REQ_add_extensions(request.get(), extensions.get()) != 1 ||
      X509_REQ_set_pubkey(request.get(), key.get()) != 1 ||
      X509_REQ_sign(request.get(), key.get(), EVP_sha256()) <= 0) {
    return OpenSslError("signing a CSR");
  }
  int size = i2d_X509_REQ(request.get(), nullptr);
  if (size <= 0) return OpenSslError("writing a CSR");
  std::string der(static_cast<std::size_t>(size), '\0');
  auto* out = reinterpret_cast<unsigned char*>(der.data());
  if (i2d_X509_REQ(request.get(), &out) != size) return OpenSslError("writing a CSR");
  return der;
}

Result<CertificatePem> MakeAlpnChallengeCertificate(std::string_view host,
                                                    std::string_view key_authorization) {
  std::string name(host);
  SAMIZDAT_RETURN_IF_ERROR(CheckHosts({name}));
  auto key = EcKey::Generate();
  if (!key.ok()) return key.status();
  X509Ptr certificate(X509_new());
  if (!certificate || X509_set_version(certificate.get(), X509_VERSION_3) != 1) {
    return OpenSslError("making a certificate");
  }
  std::array<unsigned char, 16> serial{};
  if (RAND_bytes(serial.data(), serial.size()) != 1) return OpenSslError("making a serial");
  serial[0] &= 0x7f;  // positive
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial_bn(
      BN_bin2bn(serial.data(), serial.size(), nullptr), BN_free);
  if (!serial_bn ||
      BN_to_ASN1_INTEGER(serial_bn.get(), X509_get_serialNumber(certificate.get())) == nullptr ||
      X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0) == nullptr ||
      X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 7L * 24 * 3600) == nullptr) {
    return OpenSslError("making a certificate");
  }
  X509_NAME* subject = X509_get_subject_name(certificate.get());
  SAMIZDAT_RETURN_IF_ERROR(SetCommonName(subject, name));
  if (X509_set_issuer_name(certificate.get(), subject) != 1 ||
      X509_set_pubkey(certificate.get(), key->get()) != 1) {
    return OpenSslError("making a certificate");
  }
  auto san = SubjectAltNames({name});
  if (!san.ok()) return san.status();
  if (X509_add_ext(certificate.get(), san->get(), -1) != 1) return OpenSslError("adding the SAN");

  // acmeIdentifier: extnValue is the DER of an OCTET STRING holding the digest.
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(key_authorization.data()), key_authorization.size(),
         digest.data());
  OctetsPtr inner(ASN1_OCTET_STRING_new());
  if (!inner || ASN1_OCTET_STRING_set(inner.get(), digest.data(), digest.size()) != 1) {
    return OpenSslError("making acmeIdentifier");
  }
  unsigned char* der = nullptr;
  int der_size = i2d_ASN1_OCTET_STRING(inner.get(), &der);
  if (der_size <= 0) return OpenSslError("making acmeIdentifier");
  std::unique_ptr<unsigned char, decltype([](unsigned char* p) { OPENSSL_free(p); })> der_owner(
      der);
  OctetsPtr value(ASN1_OCTET_STRING_new());
  ObjPtr oid(OBJ_txt2obj("1.3.6.1.5.5.7.1.31", 1));
  if (!value || !oid || ASN1_OCTET_STRING_set(value.get(), der, der_size) != 1) {
    return OpenSslError("making acmeIdentifier");
  }
  ExtPtr acme_identifier(X509_EXTENSION_create_by_OBJ(nullptr, oid.get(), /*crit=*/1, value.get()));
  if (!acme_identifier || X509_add_ext(certificate.get(), acme_identifier.get(), -1) != 1) {
    return OpenSslError("adding acmeIdentifier");
  }
  if (X509_sign(certificate.get(), key->get(), EVP_sha256()) <= 0) {
    return OpenSslError("signing a certificate");
  }
  auto cert_pem = Pem(certificate.get());
  if (!cert_pem.ok()) return cert_pem.status();
  auto key_pem = key->ToPem();
  if (!key_pem.ok()) return key_pem.status();
  return CertificatePem{std::move(*cert_pem), std::move(*key_pem)};
}

Result<Time> LeafNotAfter(std::string_view chain_pem) {
  auto bio = MemoryBio(chain_pem);
  if (!bio) return OpenSslError("reading a certificate");
  X509Ptr leaf(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
  ERR_clear_error();
  if (!leaf) return Status::InvalidArgument("no PEM certificate in the chain");
  const auto not_after = CertificateNotAfter(leaf.get());
  if (!not_after) return Status::InvalidArgument("the certificate's notAfter cannot be read");
  return Time(*not_after);
}

}  // namespace samizdat::acme
