using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Scenarios.ChangeFeed;

/// <summary>What the measured part of a <c>changefeed</c> run saw, before the deliveries are counted.</summary>
/// <param name="Rows">The measured rows, in commit order.</param>
/// <param name="Writing">How long writing them took.</param>
/// <param name="Elapsed">From the first row to the last row's arrival at every client, or the drain timeout.</param>
/// <param name="ClientsWithLastRow">How many clients had the last row when the window closed.</param>
/// <param name="ServerCpu">The server's CPU time over the window; null when its process is unknown.</param>
internal sealed record MeasuredWindow(
    IReadOnlyList<CommittedRow> Rows,
    TimeSpan Writing,
    TimeSpan Elapsed,
    int ClientsWithLastRow,
    CpuTime? ServerCpu);
