namespace Marketplace.Bench.Agents;

/// <summary>An agent's reply to <c>connect</c>: its clients are connected and subscribed, or failed to be.</summary>
/// <param name="Connected">Clients connected and subscribed.</param>
/// <param name="Failed">Clients that could not connect or subscribe.</param>
/// <param name="FirstFailure">Why the first of those failed; null when none did.</param>
/// <param name="StartedAt">The Stopwatch timestamp when the first connection started.</param>
/// <param name="EndedAt">The Stopwatch timestamp when the last subscription was confirmed or refused.</param>
/// <param name="Type">Always <c>ready</c>.</param>
internal sealed record AgentReady(
    int Connected,
    int Failed,
    string? FirstFailure,
    long StartedAt,
    long EndedAt,
    string Type = AgentReady.TypeName)
{
    /// <summary>The reply's type.</summary>
    public const string TypeName = "ready";
}
