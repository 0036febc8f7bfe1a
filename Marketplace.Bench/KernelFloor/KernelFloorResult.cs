namespace Marketplace.Bench.KernelFloor;

/// <summary>
/// A kernel floor measured beside a scenario: the CPU cost of one bare loopback TCP send of a small frame, the
/// least any server can spend per delivery, sent back to back or in paced rounds; or why it was not measured.
/// </summary>
internal sealed record KernelFloorResult
{
    /// <summary>Gets the command that was run, when it was.</summary>
    public string? Command { get; init; }

    /// <summary>Gets the program's summary line, as it printed it.</summary>
    public string? Line { get; init; }

    /// <summary>Gets the sender's CPU time per send read from <see cref="Line"/>, in microseconds.</summary>
    public double? MicrosecondsPerSend { get; init; }

    /// <summary>Gets the rate the paced floor's rounds achieved; null for the back-to-back floor.</summary>
    public double? AchievedRoundsPerSecond { get; init; }

    /// <summary>Gets why the floor was not measured; null when it was.</summary>
    public string? SkippedBecause { get; init; }

    /// <summary>Creates the result of a floor that was not measured.</summary>
    public static KernelFloorResult Skipped(string reason) => new() { SkippedBecause = reason };
}
