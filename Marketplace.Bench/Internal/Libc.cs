using System.Runtime.InteropServices;

namespace Marketplace.Bench.Internal;

/// <summary>The two C library calls the bench needs and .NET does not offer.</summary>
internal static partial class Libc
{
    /// <summary>The signal a service manager sends to ask a process to stop.</summary>
    public const int SigTerm = 15;

    // Linux's value of _SC_CLK_TCK, the same on every architecture glibc and musl support.
    private const int ClockTicksName = 2;

    /// <summary>Gets the unit of the CPU times in <c>/proc/&lt;pid&gt;/stat</c>, in ticks per second.</summary>
    public static long ClockTicksPerSecond()
    {
        var ticks = SystemConfiguration(ClockTicksName);

        // USER_HZ is 100 wherever Linux runs today; a failed call should not stop a benchmark.
        return ticks > 0 ? ticks : 100;
    }

    /// <summary>Sends <paramref name="signal"/> to process <paramref name="processId"/>.</summary>
    /// <returns>True when the signal was sent.</returns>
    public static bool SendSignal(int processId, int signal) => Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial nint SystemConfiguration(int name);

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int processId, int signal);
}
