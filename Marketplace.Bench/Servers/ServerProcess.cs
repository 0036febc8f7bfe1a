using System.Diagnostics;
using System.Text.RegularExpressions;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.Servers;

/// <summary>
/// The server under test as a process of its own, on a free port of 127.0.0.1, its output kept in a log file.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _started;

    private ServerProcess(Process process, string logPath)
    {
        _process = process;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
    }

    /// <summary>Gets the server's process id, whose CPU time the scenarios read.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Gets the server's HTTP address once it listens.</summary>
    public Uri HttpAddress { get; private set; } = null!;

    /// <summary>Starts the server and waits until it says it is listening.</summary>
    /// <param name="serverDll">The server's assembly, run with <c>dotnet</c>.</param>
    /// <param name="environment">Its settings, as environment variables; later ones win.</param>
    /// <param name="logPath">The file its output goes to; its folder is the server's working directory.</param>
    /// <param name="cancellationToken">Stops waiting and the server.</param>
    /// <exception cref="BenchException">The server exited or did not listen within a minute.</exception>
    public static async Task<ServerProcess> StartAsync(
        string serverDll,
        IEnumerable<KeyValuePair<string, string>> environment,
        string logPath,
        CancellationToken cancellationToken = default)
    {
        // A working directory of the bench's own, so no .env file or embedded database of the caller's is read.
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll },
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(logPath)),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["Server__Host"] = "127.0.0.1";
        start.Environment["Server__Port"] = "0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, logPath);
        try
        {
            server.Start();
            server.HttpAddress = await server._listening.Task.WaitAsync(StartTimeout, cancellationToken);
            return server;
        }
        catch (TimeoutException exception)
        {
            await server.DisposeAsync();
            throw new BenchException(
                $"The server did not report 'Listening on' within {StartTimeout.TotalSeconds:0} s.",
                exception);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Asks the server to stop, as a service manager would, and kills it if it does not.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_started && !_process.HasExited)
        {
            Libc.SendSignal(_process.Id, Libc.SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            // Without a token this also waits for the last redirected lines to be read.
            await _process.WaitForExitAsync(CancellationToken.None);
        }

        lock (_logLock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    // "Listening on http://127.0.0.1:41234: legacy WebSocket at ..." names one or more addresses; the first will do.
    [GeneratedRegex(@"Listening on (https?://[^\s,/]+?:\d+)")]
    private static partial Regex ListeningLine();

    private void Start()
    {
        _process.OutputDataReceived += (_, line) => Read(line.Data);
        _process.ErrorDataReceived += (_, line) => Read(line.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new BenchException(
            $"The server exited with code {_process.ExitCode} before it listened."));

        _started = _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }

        // This runs on a thread of the process's output reader, where an exception would end the bench at once and
        // leave the server and the cluster running; an address that does not parse is just not taken.
        if (ListeningLine().Match(line) is { Success: true } match
            && Uri.TryCreate(match.Groups[1].Value, UriKind.Absolute, out var address))
        {
            _listening.TrySetResult(address);
        }
    }
}
