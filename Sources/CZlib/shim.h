// The one C header autoid reads from zlib (zlib1g-dev). Only AutoIDCompression imports it, to inflate
// the zlib streams Auto Drive stores (libarchive reads gzip, not bare zlib streams).
#include <zlib.h>
