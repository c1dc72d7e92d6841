// HTTPS in http::Server with http::TlsCertificates: bad PEM refused with the certificate
// in force kept, the certificate chosen by SNI, a TLS-ALPN-01 challenge certificate shown
// only to an "acme-tls/1" handshake (which then ends), and HTTP/1.1 over TLS with sealed
// bodies. Certificates are made here with OpenSSL; the client is OpenSSL's, blocking.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "core/openssl.h"
#include "core/sealed_bytes.h"
#include "http/server.h"
#include "http/tls_certificates.h"

namespace samizdat::http {
namespace {

using KeyPtr = OpenSslPtr<EVP_PKEY, EVP_PKEY_free>;
using X509Ptr = OpenSslPtr<X509, X509_free>;
using CtxPtr = OpenSslPtr<SSL_CTX, SSL_CTX_free>;
using SslPtr = OpenSslPtr<SSL, SSL_free>;

std::string ToPem(int (*write)(BIO*, void*), void* object) {
  BioPtr bio = MemoryBio();
  write(bio.get(), object);
  return BioText(bio.get());
}

// A self-signed P-256 certificate whose subject CN is `name`, valid for `days`.
PemPair SelfSigned(const std::string& name, int days = 30) {
  KeyPtr key(EVP_EC_gen("P-256"));
  X509Ptr cert(X509_new());
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 60L * 60 * 24 * days);
  X509_NAME* subject = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(name.c_str()), -1, -1, 0);
  X509_set_issuer_name(cert.get(), subject);
  X509_set_pubkey(cert.get(), key.get());
  X509_sign(cert.get(), key.get(), EVP_sha256());
  PemPair pem;
  pem.chain = ToPem([](BIO* b, void* x) { return PEM_write_bio_X509(b, static_cast<X509*>(x)); },
                    cert.get());
  pem.key = ToPem(
      [](BIO* b, void* k) {
        return PEM_write_bio_PrivateKey(b, static_cast<EVP_PKEY*>(k), nullptr, nullptr, 0, nullptr,
                                        nullptr);
      },
      key.get());
  return pem;
}

// What a client saw of one handshake (and, if asked, of one request after it).
struct Seen {
  bool handshake = false;
  std::string subject_cn;  // of the server's certificate
  std::string alpn;        // the protocol the server chose
  std::string reply;       // everything read after sending `request`
};

Seen Connect(uint16_t port, const std::string& sni, const std::string& alpn,
             const std::string& request = "") {
  Seen seen;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return seen;
  }
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  CtxPtr context(SSL_CTX_new(TLS_client_method()));
  SslPtr ssl(SSL_new(context.get()));
  SSL_set_fd(ssl.get(), fd);
  if (!sni.empty()) SSL_set_tlsext_host_name(ssl.get(), sni.c_str());
  std::string wire(1, static_cast<char>(alpn.size()));
  wire += alpn;
  SSL_set_alpn_protos(ssl.get(), reinterpret_cast<const unsigned char*>(wire.data()),
                      static_cast<unsigned>(wire.size()));
  if (SSL_connect(ssl.get()) == 1) {
    seen.handshake = true;
    X509Ptr peer(SSL_get1_peer_certificate(ssl.get()));
    char cn[256] = {};
    X509_NAME_get_text_by_NID(X509_get_subject_name(peer.get()), NID_commonName, cn, sizeof cn);
    seen.subject_cn = cn;
    const unsigned char* chosen = nullptr;
    unsigned int length = 0;
    SSL_get0_alpn_selected(ssl.get(), &chosen, &length);
    seen.alpn.assign(reinterpret_cast<const char*>(chosen), length);
    if (!request.empty()) {
      SSL_write(ssl.get(), request.data(), static_cast<int>(request.size()));
      char buffer[16384];
      for (int n; (n = SSL_read(ssl.get(), buffer, sizeof buffer)) > 0;)
        seen.reply.append(buffer, n);
    }
  }
  ERR_clear_error();
  ssl.reset();
  ::close(fd);
  return seen;
}

class RunningTlsServer {
 public:
  RunningTlsServer(std::shared_ptr<TlsCertificates> certificates, Handler handler) {
    ServerOptions options;
    options.port = 0;
    options.threads = 2;
    options.tls = certificates;
    server_ = std::make_unique<Server>(options, std::move(handler));
    const Status started = server_->Start();
    EXPECT_TRUE(started.ok()) << started.ToString();
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~RunningTlsServer() {
    server_->Stop();
    thread_.join();
  }
  uint16_t port() const { return server_->port(); }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

TEST(TlsCertificatesTest, RefusesBadPemAndKeepsTheCertificateInForce) {
  TlsCertificates certificates;
  EXPECT_TRUE(certificates.empty());
  const PemPair good = SelfSigned("good", 10);
  ASSERT_TRUE(certificates.SetDefault(good.chain, good.key).ok());
  EXPECT_FALSE(certificates.empty());
  const auto before = certificates.NotAfter("");
  ASSERT_TRUE(before.has_value());
  const auto in_ten_days = std::chrono::system_clock::now() + std::chrono::hours(24 * 10);
  EXPECT_LT(std::chrono::abs(*before - in_ten_days), std::chrono::minutes(5));

  Status garbage = certificates.SetDefault("-----BEGIN CERTIFICATE-----\nxx\n", good.key);
  EXPECT_EQ(garbage.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(garbage.message().find("no PEM certificate"), std::string::npos) << garbage.message();
  const PemPair other = SelfSigned("other", 40);
  Status mismatch = certificates.SetDefault(other.chain, good.key);
  EXPECT_EQ(mismatch.code(), Status::Code::kInvalidArgument);
  EXPECT_NE(mismatch.message().find("does not belong"), std::string::npos) << mismatch.message();
  Status no_key = certificates.SetDefault(other.chain, "");
  EXPECT_NE(no_key.message().find("no PEM private key"), std::string::npos) << no_key.message();
  EXPECT_EQ(certificates.NotAfter(""), before);               // still the good one
  EXPECT_FALSE(certificates.NotAfter("a.test").has_value());  // none of its own
  EXPECT_EQ(certificates.Set("", good.chain, good.key).code(), Status::Code::kInvalidArgument);
}

TEST(TlsCertificatesTest, ChoosesByNameAndShowsAChallengeOnlyToAcmeTls) {
  auto certificates = std::make_shared<TlsCertificates>();
  const PemPair fallback = SelfSigned("default");
  const PemPair own = SelfSigned("a.test");
  const PemPair challenge = SelfSigned("challenge");
  ASSERT_TRUE(certificates->SetDefault(fallback.chain, fallback.key).ok());
  ASSERT_TRUE(certificates->Set("A.Test", own.chain, own.key).ok());
  ASSERT_TRUE(certificates->SetAlpnChallenge("a.test", challenge.chain, challenge.key).ok());
  RunningTlsServer server(certificates, [](const Request& request) {
    return Response::Text(200, request.secure ? "secure\n" : "plain\n");
  });

  Seen own_seen = Connect(server.port(), "a.test", "http/1.1");
  EXPECT_TRUE(own_seen.handshake);
  EXPECT_EQ(own_seen.subject_cn, "a.test");
  EXPECT_EQ(own_seen.alpn, "http/1.1");
  EXPECT_EQ(Connect(server.port(), "b.test", "http/1.1").subject_cn, "default");
  EXPECT_EQ(Connect(server.port(), "", "http/1.1").subject_cn, "default");

  Seen acme = Connect(server.port(), "a.test", "acme-tls/1", "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
  EXPECT_TRUE(acme.handshake);
  EXPECT_EQ(acme.subject_cn, "challenge");
  EXPECT_EQ(acme.alpn, "acme-tls/1");
  EXPECT_EQ(acme.reply, "");  // the handshake was all: no HTTP on it
  // No challenge for b.test: an acme-tls/1 handshake fails there.
  EXPECT_FALSE(Connect(server.port(), "b.test", "acme-tls/1").handshake);
  certificates->ClearAlpnChallenge("a.test");
  EXPECT_FALSE(Connect(server.port(), "a.test", "acme-tls/1").handshake);

  // A certificate replaced while serving is the one the next handshake sees.
  const PemPair renewed = SelfSigned("a.test renewed");
  ASSERT_TRUE(certificates->Set("a.test", renewed.chain, renewed.key).ok());
  EXPECT_EQ(Connect(server.port(), "a.test", "http/1.1").subject_cn, "a.test renewed");
}

TEST(TlsServerTest, ServesHttpOverTlsWithSealedBodies) {
  auto certificates = std::make_shared<TlsCertificates>();
  const PemPair pem = SelfSigned("localhost");
  ASSERT_TRUE(certificates->SetDefault(pem.chain, pem.key).ok());
  std::string big(300 * 1024, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  auto sealed = SealedBytes::Make(big);
  ASSERT_TRUE(sealed.ok());
  RunningTlsServer server(certificates, [&](const Request& request) {
    if (request.target == "/file") {
      Response response;
      response.file_body = *sealed;
      return response;
    }
    return Response::Text(200, request.secure ? "secure\n" : "plain\n");
  });
  Seen text = Connect(server.port(), "localhost", "http/1.1",
                      "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(text.handshake);
  EXPECT_EQ(text.reply.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(text.reply.find("\r\n\r\nsecure\n"), std::string::npos) << text.reply;

  Seen file = Connect(server.port(), "localhost", "http/1.1",
                      "GET /file HTTP/1.1\r\nHost: localhost\r\n\r\n"
                      "GET /file HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(file.handshake);
  const std::string head_end = "\r\n\r\n";
  const std::size_t first = file.reply.find(head_end);
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(file.reply.substr(first + 4, big.size()), big);
  const std::size_t second = file.reply.find(head_end, first + 4 + big.size());
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(file.reply.substr(second + 4), big);
}

}  // namespace
}  // namespace samizdat::http
