// Thin shims for what Swift cannot express about the CPUs: the compiler's own <cpuid.h> (its static
// inline __get_cpuid_count executes the CPUID instruction), XGETBV (which register state the operating
// system saves, XCR0), and the CPUs this process may run on (sched_getaffinity and CPU_COUNT are GNU
// extensions the Glibc module does not show). Imported by AutoIDCPU and AutoIDThreads only.
#if defined(__linux__)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>

/// The number of CPUs in this process's affinity mask, or -1 when it cannot be read.
static inline int autoid_affinity_cpu_count(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return -1;
    return CPU_COUNT(&set);
}
#endif

#if defined(__x86_64__)
#include <cpuid.h>

/// CPUID leaf `leaf`, subleaf `subleaf`, without asking for the highest leaf first (the caller has:
/// `__get_cpuid_max`); one CPUID instruction.
static inline void autoid_cpuid(unsigned int leaf, unsigned int subleaf, unsigned int *eax, unsigned int *ebx, unsigned int *ecx,
                                unsigned int *edx) {
    __cpuid_count(leaf, subleaf, *eax, *ebx, *ecx, *edx);
}

/// XCR0, the extended control register the OS sets to the register state it saves and restores.
/// Execute only when CPUID.1:ECX.OSXSAVE[bit 27] is set (otherwise XGETBV raises #UD).
static inline unsigned long long autoid_xgetbv_xcr0(void) {
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}
#endif
