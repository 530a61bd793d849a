package io.loopscope.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The choice of ND4J's native build from /proc/cpuinfo, without loading ND4J. */
class NativeBuildTest {
    /** This machine's line (AMD EPYC, Zen 4): AVX-512 with every subset libnd4j's AVX-512 build uses. */
    static final String ZEN4 = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht "
            + "syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl xtopology nonstop_tsc cpuid extd_apicid "
            + "tsc_known_freq pni pclmulqdq ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx "
            + "f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw topoext vmmcall "
            + "fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid avx512f avx512dq adx smap avx512ifma clflushopt clwb avx512cd "
            + "sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1 xsaves avx_vnni avx512_bf16 clzero xsaveerptr arat avx512vbmi umip "
            + "avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg avx512_vpopcntdq rdpid fsrm avx512_vp2intersect";
    /** Intel Haswell: AVX2 and FMA, no AVX-512. */
    static final String HASWELL = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx fxsr "
            + "sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon pebs bts rep_good nopl xtopology "
            + "nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx est tm2 ssse3 sdbg fma cx16 xtpr pdcm pcid "
            + "sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm cpuid_fault epb "
            + "invpcid_single pti fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms invpcid xsaveopt dtherm ida arat pln pts";
    /** Intel Sandy Bridge: AVX but not AVX2, so only the generic build runs. */
    static final String SANDY_BRIDGE = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi mmx "
            + "fxsr sse sse2 ss ht tm pbe syscall nx rdtscp lm constant_tsc arch_perfmon pebs bts rep_good nopl xtopology "
            + "nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64 monitor ds_cpl vmx est tm2 ssse3 cx16 xtpr pdcm pcid sse4_1 "
            + "sse4_2 x2apic popcnt tsc_deadline_timer aes xsave avx lahf_lm epb pti tpr_shadow xsaveopt dtherm ida arat pln pts";
    /** Intel Knights Landing: AVX-512F and CD but not the BW/DQ/VL subsets the AVX-512 build is compiled with. */
    static final String KNIGHTS_LANDING = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse "
            + "sse2 ht syscall nx pdpe1gb rdtscp lm constant_tsc pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 x2apic movbe popcnt "
            + "aes xsave avx f16c rdrand lahf_lm abm 3dnowprefetch fsgsbase tsc_adjust bmi1 avx2 smep bmi2 erms avx512f rdseed "
            + "adx avx512pf avx512er avx512cd xsaveopt";

    static Set<String> flags(String line) {
        return Set.of(line.split(" "));
    }

    @Test
    void anAvx512CpuGetsTheAvx512Build() {
        assertEquals("-avx512", NativeBuild.extension(null, flags(ZEN4)));
    }

    @Test
    void anAvx2CpuGetsTheAvx2Build() {
        assertEquals("-avx2", NativeBuild.extension(null, flags(HASWELL)));
    }

    @Test
    void aCpuWithoutAvx2GetsTheGenericBuild() {
        assertEquals("", NativeBuild.extension(null, flags(SANDY_BRIDGE)));
    }

    @Test
    void avx512WithoutTheBwDqVlSubsetsGetsTheAvx2Build() {
        assertEquals(NativeBuild.AVX2, NativeBuild.forCpu(flags(KNIGHTS_LANDING)));
    }

    @Test
    void unknownFlagsGetTheGenericBuild() {
        assertEquals(NativeBuild.GENERIC, NativeBuild.forCpu(Set.of()));
    }

    @Test
    void anExtensionTheUserSetIsKeptWhateverTheCpu() {
        assertEquals("", NativeBuild.extension("", flags(ZEN4)));
        assertEquals("-avx2", NativeBuild.extension("-avx2", flags(ZEN4)));
        assertEquals("-avx512", NativeBuild.extension("-avx512", flags(SANDY_BRIDGE)));
    }

    @Test
    void readsTheFlagsLineOfCpuinfo() {
        Stream<String> cpuinfo = Stream.of("processor\t: 0", "model name\t: Intel(R) Core(TM) i7-4770", "flags\t\t: " + HASWELL,
                "bugs\t\t: cpu_meltdown spectre_v1", "", "processor\t: 1", "flags\t\t: " + HASWELL);
        assertEquals(flags(HASWELL), NativeBuild.cpuFlags(cpuinfo));
    }

    @Test
    void cpuinfoWithoutAFlagsLineHasNoFlags() {
        // ARM's /proc/cpuinfo names its extensions "Features"
        assertEquals(Set.of(), NativeBuild.cpuFlags(Stream.of("processor\t: 0", "Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32")));
    }
}
