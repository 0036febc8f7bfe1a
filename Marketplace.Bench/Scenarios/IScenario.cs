namespace Marketplace.Bench.Scenarios;

/// <summary>
/// One measurement the bench can make, its options already read and checked; it starts or targets what it
/// needs, drives the clients, cleans up after itself and returns its figures.
/// </summary>
internal interface IScenario
{
    /// <summary>Gets the scenario's name on the command line.</summary>
    string Name { get; }

    /// <summary>Runs the scenario once.</summary>
    /// <exception cref="BenchException">The run could not be made; the message says why.</exception>
    Task<ScenarioResult> RunAsync(ScenarioContext context, CancellationToken cancellationToken = default);
}
