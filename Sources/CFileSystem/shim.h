// Thin shim for what the Glibc module does not show about file systems: <sys/vfs.h> (fstatfs, whose
// f_type names the kind of file system a file lives on). Imported by AutoIDFiles only.
#if defined(__linux__)
#include <sys/vfs.h>

/// The type (`f_type`, a *_MAGIC number of <linux/magic.h>, all of which fit in 32 bits) of the file
/// system that the open file `descriptor` lives on, as an unsigned 32-bit value (f_type is a signed
/// int on some architectures), or -1 when fstatfs fails.
static inline long long autoid_file_system_type(int descriptor) {
    struct statfs info;
    if (fstatfs(descriptor, &info) != 0) return -1;
    return (long long)(unsigned int)info.f_type;
}
#endif
