using System.Diagnostics;

namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Runs a program to its end and returns what it printed; a program still running at the timeout is killed and
/// the test fails with its output.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="start"/>, standard output and error redirected and joined.</summary>
    public static async Task<ProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Cannot run {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{start.FileName} {start.Arguments} ran past {timeout}:\n{await output}{await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the server's own executable, as <c>dotnet run</c> would, with extra variables.</summary>
    public static Task<ProcessResult> RunServerAsync(
        string workingDirectory,
        params (string Key, string Value)[] environment)
    {
        var server = Path.Combine(AppContext.BaseDirectory, "Marketplace.Hubs.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{server}\"") { WorkingDirectory = workingDirectory };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return RunAsync(start, TimeSpan.FromMinutes(1));
    }
}
