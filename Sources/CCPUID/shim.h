// The compiler's own <cpuid.h>: its static inline __get_cpuid_count executes the CPUID instruction,
// which Swift cannot express; and XGETBV, which reads which register state the operating system saves
// (XCR0). Only AutoIDCPU's CPUFeatures imports this.
#if defined(__x86_64__)
#include <cpuid.h>

/// XCR0, the extended control register the OS sets to the register state it saves and restores.
/// Execute only when CPUID.1:ECX.OSXSAVE[bit 27] is set (otherwise XGETBV raises #UD).
static inline unsigned long long autoid_xgetbv_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}
#endif
