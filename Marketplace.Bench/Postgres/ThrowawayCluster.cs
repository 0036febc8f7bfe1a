using System.Net;
using System.Net.Sockets;
using Marketplace.Bench.Internal;
using Npgsql;

namespace Marketplace.Bench.Postgres;

/// <summary>
/// A PostgreSQL cluster made for one run in a folder of its own, on a free port of 127.0.0.1, and removed after.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so under root its programs run as the <c>postgres</c> system user, which
/// then owns the folder. Durability is off (<c>fsync</c>, <c>synchronous_commit</c>): the scenarios time what
/// happens after a commit returns, never the commit itself, and a throwaway cluster needs no crash safety.
/// </remarks>
internal sealed class ThrowawayCluster : IAsyncDisposable
{
    private const string BinariesRoot = "/usr/lib/postgresql";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory;
    private readonly string _binDirectory;
    private bool _started;

    private ThrowawayCluster(string directory, string binDirectory)
    {
        _directory = directory;
        _binDirectory = binDirectory;
    }

    /// <summary>Gets the superuser connection string of the cluster's <c>postgres</c> database.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>Creates and starts a cluster in <paramref name="directory"/>, which must not exist yet.</summary>
    /// <exception cref="BenchException">The server binaries are missing or the cluster did not start.</exception>
    public static async Task<ThrowawayCluster> StartAsync(
        string directory,
        CancellationToken cancellationToken = default)
    {
        var cluster = new ThrowawayCluster(directory, FindBinDirectory());
        try
        {
            await cluster.InitializeAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the cluster, closing its connections, and removes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            // Not the run's token: a cancelled run must still stop its cluster.
            await ExternalCommand.RunAsPostgresAsync(
                Path.Combine(_binDirectory, "pg_ctl"),
                ["-D", DataDirectory, "-m", "fast", "-w", "stop"],
                CommandTimeout);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static string FindBinDirectory()
    {
        var newest = Directory.Exists(BinariesRoot)
            ? Directory.GetDirectories(BinariesRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major)
                    ? major
                    : 0)
                .FirstOrDefault()
            : null;

        return newest ?? throw new BenchException(
            $"PostgreSQL's server programs are not installed (no {BinariesRoot}/*/bin/initdb). Install the " +
            "postgresql package, or give a server with --postgres or --postgres-db.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var password = Guid.NewGuid().ToString("N");
        var passwordFile = Path.Combine(_directory, "password");
        Directory.CreateDirectory(_directory);
        await File.WriteAllTextAsync(passwordFile, password, cancellationToken);
        if (ExternalCommand.IsRoot)
        {
            await RunCheckedAsync("chown", ["-R", "postgres:", _directory], asPostgres: false, cancellationToken);
        }

        await RunCheckedAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth=scram-sha-256", $"--pwfile={passwordFile}", "-E", "UTF8",
                "--no-sync"],
            asPostgres: true,
            cancellationToken);
        File.Delete(passwordFile);

        var port = FreePort();
        var settings = $"-p {port} -k {_directory} -c listen_addresses=127.0.0.1 -c fsync=off " +
            "-c synchronous_commit=off -c full_page_writes=off";
        _started = true;
        await RunCheckedAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-o", settings, "-w", "-t", "60",
                "start"],
            asPostgres: true,
            cancellationToken);

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    private static async Task RunCheckedAsync(
        string program,
        IReadOnlyList<string> arguments,
        bool asPostgres,
        CancellationToken cancellationToken)
    {
        var result = asPostgres
            ? await ExternalCommand.RunAsPostgresAsync(program, arguments, CommandTimeout, cancellationToken)
            : await ExternalCommand.RunAsync(program, arguments, CommandTimeout, cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new BenchException(
                $"{Path.GetFileName(program)} failed with exit code {result.ExitCode}: " +
                $"{result.Error.Trim()} {result.Output.Trim()}".TrimEnd());
        }
    }
}
