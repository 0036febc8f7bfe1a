namespace Marketplace.Bench.Agents;

/// <summary>An agent's reply to <c>status</c>: counts over its clients, or the sum over several agents.</summary>
/// <param name="Open">Clients whose connection is open.</param>
/// <param name="WarmedUp">Open clients that have every warm-up publish meant for them.</param>
/// <param name="Complete">Open clients that have every measured publish meant for them.</param>
/// <param name="Measured">Distinct measured deliveries so far, over every client.</param>
/// <param name="Type">Always <c>status</c>.</param>
internal sealed record AgentStatus(
    int Open,
    int WarmedUp,
    int Complete,
    long Measured,
    string Type = AgentStatus.TypeName)
{
    /// <summary>The reply's type.</summary>
    public const string TypeName = "status";

    /// <summary>Adds two agents' counts.</summary>
    public AgentStatus Plus(AgentStatus other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new AgentStatus(
            Open + other.Open,
            WarmedUp + other.WarmedUp,
            Complete + other.Complete,
            Measured + other.Measured);
    }
}
