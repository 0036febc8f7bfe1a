using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.Servers;

/// <summary>
/// The server a scenario measures: one the bench starts and stops, or a running one named by <c>--server-url</c>.
/// </summary>
internal sealed class ServerTarget : IAsyncDisposable
{
    private readonly ServerProcess? _process;

    private ServerTarget(ServerProcess? process, Uri legacyAddress, int? processId, string description)
    {
        _process = process;
        LegacyAddress = legacyAddress;
        HubAddress = HubEndpoint.FromServerUrl(legacyAddress);
        ProcessId = processId;
        Description = description;
    }

    /// <summary>Gets the legacy WebSocket address clients connect to.</summary>
    public Uri LegacyAddress { get; }

    /// <summary>Gets the SignalR hub's address.</summary>
    public Uri HubAddress { get; }

    /// <summary>Gets the server's process id, to read its CPU time; null for a running server given without.</summary>
    public int? ProcessId { get; }

    /// <summary>
    /// Gets which server this is, for the report: the build the bench started, whose configuration (Release or
    /// Debug) shapes every figure, or the address of a running one.
    /// </summary>
    public string Description { get; }

    /// <summary>
    /// Targets the server of <c>--server-url</c>, or else starts the server with its database at
    /// <paramref name="connectionString"/> and the <c>--server-env</c> settings.
    /// </summary>
    /// <param name="common">The shared options.</param>
    /// <param name="connectionString">
    /// The PostgreSQL database a started server uses; null for its embedded SQLite file, which it creates in the
    /// folder of <paramref name="logPath"/>, its working directory.
    /// </param>
    /// <param name="logPath">Where a started server's output goes.</param>
    /// <param name="cancellationToken">Stops waiting for the server to start.</param>
    public static async Task<ServerTarget> StartOrAttachAsync(
        CommonOptions common,
        string? connectionString,
        string logPath,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(common);

        if (common.ServerUrl is { } url)
        {
            return new ServerTarget(
                null,
                LegacyEndpoint.FromServerUrl(url),
                common.ServerProcessId,
                $"running at {url}");
        }

        // The --server-env settings come last, so they win.
        KeyValuePair<string, string>[] settings = connectionString is null
            ? [.. common.ServerEnvironment]
            : [new("ConnectionStrings__Marketplace", connectionString), .. common.ServerEnvironment];

        var serverDll = ServerDll(common);
        var process = await ServerProcess.StartAsync(serverDll, settings, logPath, cancellationToken);
        return new ServerTarget(
            process,
            LegacyEndpoint.FromServerUrl(process.HttpAddress),
            process.ProcessId,
            $"started by the bench from {Path.GetRelativePath(BuildInfo.RepositoryDirectory, serverDll)}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private static string ServerDll(CommonOptions common)
    {
        if (common.ServerDll is { } given)
        {
            return given;
        }

        // The server built in the bench's own configuration, as `dotnet run -c Release` builds both.
        var built = Path.Combine(
            BuildInfo.RepositoryDirectory,
            "Marketplace.Hubs",
            "bin",
            BuildInfo.Configuration,
            BuildInfo.TargetFramework,
            "Marketplace.Hubs.dll");
        return File.Exists(built)
            ? built
            : throw new BenchException(
                $"No server build at {built}. Build it with 'dotnet build -c {BuildInfo.Configuration} " +
                "Marketplace.Hubs', or name one with --server-dll.");
    }
}
