// The one C header autoid reads from libsodium. Only AutoIDHashing and AutoIDSigning import it.
#include <sodium.h>
