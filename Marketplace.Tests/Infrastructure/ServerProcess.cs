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
    private readonly LogSink _lineWaiters = new();

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

    /// <summary>Gets the SignalR hub's address.</summary>
    public Uri HubAddress => new(HttpAddress, "/hubs/marketplace");

    /// <summary>Gets the server's resident memory now, from <c>/proc</c>.</summary>
    public long ResidentBytes => ReadStatus("VmRSS:");

    /// <summary>Gets the most resident memory the server has used so far, from <c>/proc</c>.</summary>
    public long PeakResidentBytes => ReadStatus("VmHWM:");

    /// <summary>
    /// Starts the server in <paramref name="workingDirectory"/> with <paramref name="settings"/> as environment
    /// variables, and waits until it listens.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string workingDirectory,
        params (string Key, string Value)[] settings)
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
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = new ServerProcess(Process.Start(start)!);
        process.HttpAddress = await process._listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        return process;
    }

    /// <summary>Gets the legacy WebSocket address.</summary>
    public Uri WebSocketAddress() => new UriBuilder(HttpAddress) { Scheme = "ws", Path = "/ws" }.Uri;

    /// <summary>Waits for an output line that contains <paramref name="text"/>, printed before or after.</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        var entry = await _lineWaiters.WaitForAsync(entry => entry.Message.Contains(text, StringComparison.Ordinal));
        return entry.Message;
    }

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

    private long ReadStatus(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status")
            .First(line => line.StartsWith(field, StringComparison.Ordinal));

        // For example "VmRSS:     81234 kB".
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, System.Globalization.CultureInfo.InvariantCulture) * 1024;
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
        _lineWaiters.CreateLogger("stdout").Log(LogLevel.Information, 0, line, null, (text, _) => text);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }
}
