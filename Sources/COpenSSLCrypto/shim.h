// The one C header autoid reads from OpenSSL's libcrypto: SHA-256's block function, which AutoIDLog
// calls directly for RFC 9162 node and small-leaf hashes (one or two blocks each, where a whole
// init/update/final call costs more than the hashing). Only AutoIDLog imports it.
// SHA256_Init and SHA256_Transform are deprecated in OpenSSL 3 in favour of EVP, whose per-call cost
// is what we avoid here; they remain part of the API.
// Headers only: no executable links libcrypto (about 0.55 ms of every start); AutoIDLog's
// SHA256Blocks loads it with dlopen the first time a CPU without SHA extensions needs it.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>
