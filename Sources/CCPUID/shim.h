// The compiler's own <cpuid.h>: its static inline __get_cpuid_count executes the CPUID instruction,
// which Swift cannot express. Only AutoIDCPU's CPUFeatures imports it.
#if defined(__x86_64__)
#include <cpuid.h>
#endif
