using System.Diagnostics;

namespace Marketplace.Bench.Agents;

/// <summary>
/// One subscriber agent as the reporting process sees it: the bench itself, started again in agent mode, its
/// commands written to its standard input and its replies read from its standard output; what it says on
/// standard error goes to a log file.
/// </summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private AgentProcess(Process process, string logPath)
    {
        _process = process;
        _log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        LogPath = logPath;
    }

    /// <summary>Gets the file the agent's standard error goes to.</summary>
    public string LogPath { get; }

    /// <summary>Gets the agent's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts an agent, checking that it shares this process's clock.</summary>
    /// <exception cref="BenchException">The agent did not start, or its clock is not this process's.</exception>
    public static async Task<AgentProcess> StartAsync(
        AgentOptions options,
        string logPath,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // The bench's own assembly, whichever way it was started: dotnet run, the apphost, or dotnet bench.dll.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(AgentProcess).Assembly.Location);
        foreach (var argument in options.ToArguments())
        {
            start.ArgumentList.Add(argument);
        }

        var before = Stopwatch.GetTimestamp();
        var agent = new AgentProcess(new Process { StartInfo = start }, logPath);
        try
        {
            agent._process.ErrorDataReceived += (_, line) => agent.Log(line.Data);
            agent._process.Start();
            agent._process.BeginErrorReadLine();
            var started = await agent.ReadAsync<AgentStarted>(AgentStarted.TypeName, cancellationToken);
            var after = Stopwatch.GetTimestamp();
            if (started.Clock < before || started.Clock > after)
            {
                throw new BenchException(
                    "A subscriber agent's Stopwatch does not share this process's clock (its reading " +
                    $"{started.Clock} is outside {before}..{after}), so latencies across processes would be wrong.");
            }

            return agent;
        }
        catch
        {
            await agent.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="command"/> and reads the reply of type <paramref name="replyType"/>.</summary>
    /// <exception cref="BenchException">The agent ended or answered something else.</exception>
    public async Task<T> AskAsync<T>(string command, string replyType, CancellationToken cancellationToken = default)
        where T : class
    {
        await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
        return await ReadAsync<T>(replyType, cancellationToken);
    }

    /// <summary>Asks the agent to close its clients and exit, and kills it if it does not in time.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync(AgentJson.Exit);
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(ExitTimeout);
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException)
        {
            // The agent is gone already, or stuck closing; either way it must not outlive the run.
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // The process never started; there is nothing to stop.
        }

        lock (_logLock)
        {
            _log.Dispose();
        }

        _process.Dispose();
    }

    private async Task<T> ReadAsync<T>(string replyType, CancellationToken cancellationToken)
        where T : class
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken)
            ?? throw new BenchException(
                $"A subscriber agent ended before its {replyType} reply; its errors are in {LogPath}.");
        return AgentJson.Read<T>(line, replyType);
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log.WriteLine(line);
        }
    }
}
