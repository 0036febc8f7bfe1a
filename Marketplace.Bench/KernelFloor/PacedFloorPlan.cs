using System.Globalization;

namespace Marketplace.Bench.KernelFloor;

/// <summary>
/// What the paced kernel floor sends: rounds of one frame to every connection, at a fixed rate, so each round
/// wakes a receiver that slept since the last, as a fan-out at a publisher's rate does.
/// </summary>
/// <param name="Connections">The connections each round sends to.</param>
/// <param name="RoundsPerSecond">The rate of the rounds.</param>
/// <param name="Rounds">How many rounds are sent.</param>
internal sealed record PacedFloorPlan(int Connections, double RoundsPerSecond, int Rounds)
{
    /// <summary>The most connections a round sends to, as many as the back-to-back floor uses.</summary>
    public const int MaxConnections = 1000;

    /// <summary>The most sends in all, as many as the back-to-back floor makes, so a fast rate ends soon.</summary>
    public const int MaxSends = 500_000;

    /// <summary>How long the rounds last at a rate they can keep.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Gets the plan for a fan-out to <paramref name="subscribers"/> at <paramref name="rate"/> publishes a second:
    /// rounds to as many connections, up to 1,000, for about 8 s, and at most 500,000 sends.
    /// </summary>
    public static PacedFloorPlan ForFanout(int subscribers, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(subscribers, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);

        var connections = Math.Min(subscribers, MaxConnections);
        var rounds = Math.Clamp(Math.Round(rate * Duration.TotalSeconds), 1, MaxSends / connections);
        return new PacedFloorPlan(connections, rate, (int)rounds);
    }

    /// <summary>Gets the program's arguments: connections, rounds, bytes per send, rounds per second.</summary>
    public IReadOnlyList<string> Arguments =>
    [
        Connections.ToString(CultureInfo.InvariantCulture),
        Rounds.ToString(CultureInfo.InvariantCulture),
        KernelFloorRunner.FrameBytes.ToString(CultureInfo.InvariantCulture),
        RoundsPerSecond.ToString(CultureInfo.InvariantCulture),
    ];
}
