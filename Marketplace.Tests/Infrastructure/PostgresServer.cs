using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for the tests: the one named by <c>MARKETPLACE_TEST_POSTGRES</c> (an admin
/// connection string), or else a throwaway cluster created in a temporary folder and removed afterwards.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, and CI runs as root, so the cluster then runs as the
/// <c>postgres</c> system user. A machine without PostgreSQL fails the tests that need it; none is skipped.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    private const string Password = "marketplace-test";
    private string? _dataDirectory;
    private string? _binDirectory;

    /// <summary>Gets the connection string of the <c>postgres</c> database, as a superuser.</summary>
    public string AdminConnectionString { get; private set; } = string.Empty;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("MARKETPLACE_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            return;
        }

        _binDirectory = FindBinDirectory();
        _dataDirectory = Path.Combine(Path.GetTempPath(), $"marketplace-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_dataDirectory);
        await RunAsync("chown", $"{SystemUser()}: {_dataDirectory}", asPostgres: false);

        var passwordFile = Path.Combine(_dataDirectory, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        await RunAsync("chown", $"{SystemUser()}: {passwordFile}", asPostgres: false);

        var cluster = Path.Combine(_dataDirectory, "cluster");
        await RunAsync(
            Path.Combine(_binDirectory, "initdb"),
            $"-D {cluster} -U postgres --auth=scram-sha-256 --pwfile={passwordFile} -E UTF8 --no-sync",
            asPostgres: true);

        var port = FreePort();
        var options = $"-p {port} -k {_dataDirectory} -c listen_addresses=127.0.0.1 -c fsync=off " +
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(
            Path.Combine(_binDirectory, "pg_ctl"),
            $"-D {cluster} -l {Path.Combine(_dataDirectory, "log")} -o \"{options}\" -w -t 60 start",
            asPostgres: true);

        AdminConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Password = Password,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"marketplace_test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }
            .ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>Runs one statement on the <c>postgres</c> database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_dataDirectory is null || _binDirectory is null)
        {
            return;
        }

        var cluster = Path.Combine(_dataDirectory, "cluster");
        await RunAsync(Path.Combine(_binDirectory, "pg_ctl"), $"-D {cluster} -m immediate stop", asPostgres: true);
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static string FindBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .ToList()
            : [];

        return candidates.FirstOrDefault() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Install postgresql-15, or set " +
            "MARKETPLACE_TEST_POSTGRES to an admin connection string.");
    }

    private static bool IsRoot() => Environment.UserName == "root";

    private static string SystemUser() => IsRoot() ? "postgres" : Environment.UserName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string arguments, bool asPostgres)
    {
        var start = asPostgres && IsRoot()
            ? new ProcessStartInfo("runuser", $"-u postgres -- {program} {arguments}")
            : new ProcessStartInfo(program, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Cannot run {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {arguments} failed ({process.ExitCode}): {await output} {await error}");
        }
    }
}
