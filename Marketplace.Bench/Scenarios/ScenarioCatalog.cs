using Marketplace.Bench.Scenarios.ChangeFeed;
using Marketplace.Bench.Scenarios.Connections;
using Marketplace.Bench.Scenarios.Fanout;

namespace Marketplace.Bench.Scenarios;

/// <summary>Every scenario the bench offers; a new one is a class of its own and a line here.</summary>
internal static class ScenarioCatalog
{
    /// <summary>Gets the scenarios in the order the help lists them.</summary>
    public static IReadOnlyList<ScenarioDefinition> All { get; } =
    [
        ChangeFeedScenario.Definition,
        FanoutScenario.Definition,
        ConnectionsScenario.Definition,
    ];
}
