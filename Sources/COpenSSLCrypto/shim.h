// The one C header autoid reads from OpenSSL's libcrypto: SHA-256's block function, which AutoIDLog
// calls directly for RFC 9162 node and small-leaf hashes (one or two blocks each, where a whole
// init/update/final call costs more than the hashing). Only AutoIDLog imports it.
// SHA256_Init and SHA256_Transform are deprecated in OpenSSL 3 in favour of EVP, whose per-call cost
// is what we avoid here; they remain part of the API.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
