namespace Marketplace.Bench.Measurement;

/// <summary>The CPU time a process has used so far, in user and kernel mode.</summary>
/// <param name="User">Time spent running the process's own code.</param>
/// <param name="System">Time the kernel spent on its behalf: system calls, such as each socket send.</param>
internal readonly record struct CpuTime(TimeSpan User, TimeSpan System)
{
    /// <summary>Gets user and system time together.</summary>
    public TimeSpan Total => User + System;

    /// <summary>Gets the CPU time used since the <paramref name="earlier"/> reading of the same process.</summary>
    public CpuTime Since(CpuTime earlier) => new(User - earlier.User, System - earlier.System);
}
