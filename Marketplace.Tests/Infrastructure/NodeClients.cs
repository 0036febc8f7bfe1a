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

        var install = await RunAsync("npm", "ci --no-audit --no-fund", TimeSpan.FromMinutes(3));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci failed in {Directory}:\n{install.Output}");
        }
    }

    /// <summary>Runs <c>node script arguments</c> and returns its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunScriptAsync(string script, params string[] arguments) =>
        RunAsync("node", string.Join(' ', [script, .. arguments.Select(argument => $"\"{argument}\"")]), TestTimeouts.Default * 2);

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<(int ExitCode, string Output)> RunAsync(string program, string arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot run {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(timeout);

        return (process.ExitCode, await output + await error);
    }
}
