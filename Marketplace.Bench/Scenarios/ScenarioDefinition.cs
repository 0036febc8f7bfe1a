using Marketplace.Bench.CommandLine;

namespace Marketplace.Bench.Scenarios;

/// <summary>What the command line knows of a scenario before it runs: its name, options and how to make it.</summary>
/// <param name="Name">The name given as the first argument, such as <c>changefeed</c>.</param>
/// <param name="Summary">One sentence for the help text.</param>
/// <param name="Options">The scenario's own options, beside <see cref="CommonOptions.Specs"/>.</param>
/// <param name="Create">
/// Reads the scenario's options and returns the scenario; throws a <see cref="UsageException"/> for a bad one.
/// </param>
internal sealed record ScenarioDefinition(
    string Name,
    string Summary,
    IReadOnlyList<OptionSpec> Options,
    Func<ParsedOptions, CommonOptions, IScenario> Create);
