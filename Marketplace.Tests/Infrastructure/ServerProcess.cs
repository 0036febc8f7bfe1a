using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// The server as its own process, the way <c>dotnet run</c> starts it, on a free port of 127.0.0.1.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Read(line.Data);
        _process.ErrorDataReceived += (_, line) => Read(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets every line the server printed so far.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Gets the server's base address once it listens.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>Starts the server in <paramref name="workingDirectory"/> and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(string workingDirectory)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "Marketplace.Hubs.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{server}\"")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Server__Host"] = "127.0.0.1";
        start.Environment["Server__Port"] = "0";

        var process = new ServerProcess(Process.Start(start)!);
        process.HttpAddress = await process._listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return process;
    }

    /// <summary>Gets the legacy WebSocket address.</summary>
    public Uri WebSocketAddress() => new UriBuilder(HttpAddress) { Scheme = "ws", Path = "/ws" }.Uri;

    /// <summary>Asks the server to stop, as a service manager does, and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        using var signal = Process.Start("kill", $"-TERM {_process.Id}");
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"Listening on (http://[^\s:]+:\d+)")]
    private static partial Regex ListeningLine();

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
