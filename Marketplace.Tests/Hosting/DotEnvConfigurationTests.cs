using System.Net;
using System.Net.Sockets;
using Marketplace.Hubs.Hosting;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Tests.Hosting;

/// <summary>
/// The predecessor's <c>.env</c> file keeps working, below real environment variables.
/// </summary>
public sealed class DotEnvConfigurationTests
{
    [Fact]
    public void A_dotenv_file_is_read_with_comments_quotes_and_export()
    {
        var path = Path.GetTempFileName();
        File.WriteAllLines(path,
        [
            "# the database",
            "DB_HOST=db.local",
            "export DB_USER = tienda",
            "DB_PASS=\"pa ss#word\"",
            "DB_NAME='shop'",
            "DB_PORT=5433 # the pooler",
            "not a setting",
            "Heartbeat__PingInterval=00:00:20",
        ]);

        var configuration = new ConfigurationBuilder().Add(new DotEnvConfigurationSource(path)).Build();

        Assert.Equal("db.local", configuration["DB_HOST"]);
        Assert.Equal("tienda", configuration["DB_USER"]);
        Assert.Equal("pa ss#word", configuration["DB_PASS"]);
        Assert.Equal("shop", configuration["DB_NAME"]);
        Assert.Equal("5433", configuration["DB_PORT"]);
        Assert.Equal("00:00:20", configuration["Heartbeat:PingInterval"]);
        File.Delete(path);
    }

    [Fact]
    public async Task The_server_reads_dotenv_from_its_working_directory_and_the_environment_wins()
    {
        var directory = Directory.CreateTempSubdirectory("marketplace-dotenv-").FullName;
        var settings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        File.Copy(settings, Path.Combine(directory, "appsettings.json"));
        string[] dotEnv = ["DB_HOST=127.0.0.1", "DB_PORT=1", "DB_USER=dotenv"];
        await File.WriteAllLinesAsync(Path.Combine(directory, ".env"), dotEnv);
        var port = FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var run = await ProcessRunner.RunServerAsync(directory, ("DB_PORT", port));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"on 127.0.0.1:{port} as dotenv", run.Output, StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
