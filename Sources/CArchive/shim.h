// libarchive, for bundles (tar, tar.gz, tar.zst, zip) and zstd decompression.
#include <archive.h>
#include <archive_entry.h>
