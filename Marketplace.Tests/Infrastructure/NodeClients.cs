using System.Diagnostics;
using System.Reflection;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The Node clients of <c>Node/</c> (the <c>ws</c> and <c>@microsoft/signalr</c> packages), installed with
/// <c>npm ci</c> once per test run when they are missing.
/// </summary>
public sealed class NodeClients : IAsyncLifetime
{
    /// <summary>Gets the folder that holds the scripts and their <c>node_modules</c>.</summary>
    public string Directory { get; } = typeof(NodeClients).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "NodeClientsDirectory").Value!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "ws")))
        {
            return;
        }

        var start = new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Directory };
        var install = await ProcessRunner.RunAsync(start, TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory}:\n{install.AllOutput}");
        }
    }

    /// <summary>Runs a script of the folder with <c>node</c>.</summary>
    public Task<ProcessResult> RunScriptAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = Directory };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return ProcessRunner.RunAsync(start, TestTimeouts.Default);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
