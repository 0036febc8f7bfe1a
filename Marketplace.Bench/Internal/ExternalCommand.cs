using System.ComponentModel;
using System.Diagnostics;

namespace Marketplace.Bench.Internal;

/// <summary>Runs a helper program (initdb, pg_ctl, gcc, the kernel floor) to its end.</summary>
internal static class ExternalCommand
{
    /// <summary>Gets whether the bench runs as root, where PostgreSQL's programs must run as another user.</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="arguments"/> and returns what it printed; a program
    /// still running at <paramref name="timeout"/> or at cancellation is killed.
    /// </summary>
    /// <exception cref="BenchException">The program could not be started or ran past the timeout.</exception>
    public static async Task<CommandResult> RunAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = StartProcess(start);
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);

        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            throw new BenchException($"{program} ran past {timeout.TotalSeconds:0} s and was stopped.", exception);
        }

        return new CommandResult(process.ExitCode, await output, await error);
    }

    /// <summary>
    /// Runs a PostgreSQL program as the <c>postgres</c> system user when the bench runs as root, since PostgreSQL
    /// refuses to run as root, and as the current user otherwise.
    /// </summary>
    public static Task<CommandResult> RunAsPostgresAsync(
        string program,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        CancellationToken cancellationToken = default)
    {
        return IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments], timeout, cancellationToken)
            : RunAsync(program, arguments, timeout, cancellationToken);
    }

    private static Process StartProcess(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new BenchException($"Cannot start {start.FileName}.");
        }
        catch (Win32Exception exception)
        {
            throw new BenchException($"Cannot start {start.FileName}: {exception.Message}.", exception);
        }
    }
}
