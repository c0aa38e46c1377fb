// libFuzzer's driver entry point (compiler-rt, linked by -sanitize=fuzzer). SwiftPM gives an executable
// its own `main` (renamed, then aliased), so autoid-fuzz's main calls the driver instead of linking
// libFuzzer's main.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
