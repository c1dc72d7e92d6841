// OpenSSL objects as RAII handles: OpenSslPtr<X509, X509_free> frees with the object's own
// function. Header-only; the including target links OpenSSL.
#pragma once

#include <memory>

namespace samizdat {

template <auto Free>
struct OpenSslFree {
  template <typename T>
  void operator()(T* object) const {
    Free(object);
  }
};

template <typename T, auto Free>
using OpenSslPtr = std::unique_ptr<T, OpenSslFree<Free>>;

}  // namespace samizdat
