using System.Net.Sockets;
using System.Net.WebSockets;
using Marketplace.Tests.Infrastructure;

namespace Marketplace.Tests.Hosting;

/// <summary>
/// The server process on a bare machine: no settings at all, the embedded database, and a clean stop.
/// </summary>
public sealed class ServerProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("marketplace-run-").FullName;

    public ServerProcessTests()
    {
        // What `dotnet run` finds in the project folder: its settings, and no database yet.
        var settings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        File.Copy(settings, Path.Combine(_directory, "appsettings.json"));
    }

    [Fact]
    public async Task Without_settings_it_serves_from_the_embedded_file_and_stops_cleanly()
    {
        var database = Path.Combine(_directory, "marketplace.db");
        await using (var first = await ServerProcess.StartAsync(_directory))
        {
            await using var client = await LegacyClient.ConnectAsync(first.WebSocketAddress());
            var added = await client.RequestAsync(new
            {
                action = "add_product",
                product = new { nombre = "Primero", descripcion = "d", precio = 1 },
            });

            var exitCode = await first.StopAsync();
            await client.Closed.WaitAsync(TestTimeouts.Default);

            Assert.Equal("add_product", added.GetProperty("type").GetString());
            Assert.Equal(0, exitCode);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            Assert.Contains(
                first.Lines,
                line => line.Contains($"embedded SQLite file {database}", StringComparison.Ordinal));
            Assert.DoesNotContain(first.Lines, line => line.Contains("fail:", StringComparison.Ordinal));
        }

        await using var second = await ServerProcess.StartAsync(_directory);
        Assert.Contains(
            second.Lines,
            line => line.EndsWith("Highest product id seen at start: 1", StringComparison.Ordinal));
    }

    // Browsers open connections ahead of need that may never carry a request; a stop must not wait for them.
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_connection_that_never_sent_a_byte_is_closed_at_once_when_the_server_stops(string belowHttp)
    {
        await using var server = await ServerProcess.StartAsync(_directory, ("Legacy__ServeBelowHttp", belowHttp));
        using var silent = new TcpClient();
        await silent.ConnectAsync(server.HttpAddress.Host, server.HttpAddress.Port).WaitAsync(TestTimeouts.Default);

        // Connections are accepted in order: once a later one is served, the silent one is the server's too.
        await using (var client = await LegacyClient.ConnectAsync(server.WebSocketAddress()))
        {
            await client.RequestAsync(new { action = "ping" });
        }

        var exitCode = await server.StopAsync().WaitAsync(TestTimeouts.Default);
        var read = await silent.GetStream().ReadAsync(new byte[16]).AsTask().WaitAsync(TestTimeouts.Default);

        Assert.Equal(0, exitCode);
        Assert.Equal(0, read);
        Assert.DoesNotContain(server.Lines, line => line.Contains("fail:", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}
