using System.Net;
using System.Net.Sockets;
using Marketplace.Tests.Infrastructure;
using Npgsql;

namespace Marketplace.Tests.Hosting;

/// <summary>
/// The real server process, started with settings a user gets wrong: it exits with code 1 after one log line that
/// says what to fix, never with a stack trace, and never shows a secret.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class StartupFailureTests(PostgresServer postgres)
{
    private const string Secret = "not-the-password-42";

    [Fact]
    public async Task A_wrong_password_names_the_settings_to_fix()
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres.AdminConnectionString);

        var run = await RunServerAsync(
            ("DB_HOST", admin.Host!),
            ("DB_PORT", admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("DB_USER", "postgres"),
            ("DB_PASS", Secret),
            ("DB_NAME", "postgres"));

        var line = run.AssertFailedWithOneLine();
        Assert.Contains("user name or password", line, StringComparison.Ordinal);
        Assert.Contains("DB_PASS", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_says_to_start_it_or_fix_host_and_port()
    {
        var run = await RunServerAsync(("DB_HOST", "127.0.0.1"), ("DB_PORT", FreePort().ToString()));

        var line = run.AssertFailedWithOneLine();
        Assert.Contains("Cannot reach", line, StringComparison.Ordinal);
        Assert.Contains("DB_HOST", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_connection_string_names_the_setting()
    {
        var run = await RunServerAsync(("ConnectionStrings__Marketplace", $"Hots=x;Password={Secret}"));

        var line = run.AssertFailedWithOneLine();
        Assert.Contains("ConnectionStrings:Marketplace", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_says_to_choose_another()
    {
        using var taken = new TcpListener(IPAddress.IPv6Any, 0);
        taken.Server.DualMode = true;
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await RunServerAsync(("Server__Port", port.ToString()));

        var line = run.AssertFailedWithOneLine();
        Assert.Contains($"port {port} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("Server__Port", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Heartbeat__PingInterval", "00:00:00", "PingInterval")]
    [InlineData("Products__DefaultPageSize", "5000", "DefaultPageSize (5000) must not exceed MaxPageSize")]
    [InlineData("Legacy__MaxFrameBytes", "many", "Legacy:MaxFrameBytes")]
    [InlineData("Channels__NamePattern", "(?<=a)b", "Channels:NamePattern is not a pattern this server can use")]
    [InlineData("Permissions__AddProduct", "sellers", "'sellers' is not an access rule")]
    [InlineData("Auth__JwtSecret", "short", "Auth:JwtSecret must be at least 32 characters long.")]
    [InlineData("Kestrel__Limits__KeepAliveTimeout", "-00:00:05", "Kestrel:Limits:KeepAliveTimeout '-00:00:05'")]
    [InlineData("Kestrel__Limits__MaxConcurrentConnections", "lots", "'lots' at 'Kestrel:Limits:MaxConcurrentConn")]
    public async Task An_invalid_setting_is_named(string key, string value, string expected)
    {
        var run = await RunServerAsync((key, value));

        var line = run.AssertFailedWithOneLine();
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<ServerRun> RunServerAsync(params (string Key, string Value)[] environment)
    {
        var database = Path.Combine(Path.GetTempPath(), $"startup-{Guid.NewGuid():N}.db");
        var run = await ProcessRunner.RunServerAsync(
            AppContext.BaseDirectory,
            [("Database__SqlitePath", database), .. environment]);

        return new ServerRun(run.ExitCode, run.AllOutput);
    }

    private sealed record ServerRun(int ExitCode, string Output)
    {
        public string AssertFailedWithOneLine()
        {
            var lines = Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.True(ExitCode == 1, $"Exit code {ExitCode}; output:\n{Output}");
            Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
            Assert.DoesNotContain(Secret, Output, StringComparison.Ordinal);
            Assert.DoesNotContain(lines, line => line.Contains("fail:", StringComparison.Ordinal));
            return Assert.Single(lines, line => line.Contains("Cannot start", StringComparison.Ordinal));
        }
    }
}
