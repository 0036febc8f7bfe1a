using Marketplace.Bench.Scenarios;

namespace Marketplace.Bench.CommandLine;

/// <summary>A request to run one scenario, its options read and checked.</summary>
/// <param name="Scenario">The scenario, ready to run.</param>
/// <param name="Common">The options every scenario shares.</param>
internal sealed record RunCommand(IScenario Scenario, CommonOptions Common) : BenchCommand;
