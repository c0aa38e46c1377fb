// libarchive, for bundles (tar, tar.gz, tar.zst, zip) and zstd decompression: types and constants only;
// AutoIDLibArchive loads the library at first use (nothing links it).
#include <archive.h>
#include <archive_entry.h>
