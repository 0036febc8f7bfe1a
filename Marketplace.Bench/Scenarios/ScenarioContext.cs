namespace Marketplace.Bench.Scenarios;

/// <summary>What a run gives its scenario: a folder of its own and a place to say what it is doing.</summary>
/// <param name="WorkDirectory">
/// A fresh temporary folder for the cluster, the server's log and compiled tools; removed after a successful run,
/// kept after a failed one so its logs can be read.
/// </param>
/// <param name="Progress">Where progress lines go (standard error), apart from the report on standard output.</param>
internal sealed record ScenarioContext(string WorkDirectory, TextWriter Progress)
{
    /// <summary>Gets the file a server the bench starts writes its output to.</summary>
    public string ServerLogPath => Path.Combine(WorkDirectory, "server.log");
}
