namespace Marketplace.Bench.Agents;

/// <summary>The first line of an agent: it runs, and what its clock read.</summary>
/// <param name="Clock">The agent's Stopwatch timestamp, to check it shares the reporting process's clock.</param>
/// <param name="Type">Always <c>started</c>.</param>
internal sealed record AgentStarted(long Clock, string Type = AgentStarted.TypeName)
{
    /// <summary>The reply's type.</summary>
    public const string TypeName = "started";
}
