using Marketplace.Bench.Internal;

namespace Marketplace.Bench.KernelFloor;

/// <summary>What the two floor programs share: compiling one with gcc, running it, reading its line.</summary>
internal static class FloorProgram
{
    private static readonly TimeSpan CompileTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Compiles <paramref name="source"/> with <c>gcc -O2</c> into <paramref name="workDirectory"/>, under the
    /// source's name without <c>.c</c>; returns the program, or why there is none.
    /// </summary>
    public static async Task<(string? Program, string? Reason)> CompileAsync(
        string source,
        string workDirectory,
        CancellationToken cancellationToken = default)
    {
        var program = Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(source));
        try
        {
            var result = await ExternalCommand.RunAsync(
                "gcc",
                ["-O2", "-o", program, source],
                CompileTimeout,
                cancellationToken);
            return result.ExitCode == 0
                ? (program, null)
                : (null, $"gcc could not compile {source}: {result.Error.Trim()}");
        }
        catch (BenchException exception)
        {
            // Most often gcc is not installed; the scenario's own figures stand without the floor.
            return (null, exception.Message);
        }
    }

    /// <summary>
    /// Runs <paramref name="program"/> and reads its last line; a program that fails gives a skipped result that
    /// says so, under <paramref name="command"/>, the command line a reader can repeat.
    /// </summary>
    public static async Task<KernelFloorResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        string command,
        CancellationToken cancellationToken = default)
    {
        CommandResult result;
        try
        {
            result = await ExternalCommand.RunAsync(program, arguments, RunTimeout, cancellationToken);
        }
        catch (BenchException exception)
        {
            return KernelFloorResult.Skipped(exception.Message);
        }

        var line = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        if (result.ExitCode != 0 || line is null)
        {
            return KernelFloorResult.Skipped(
                $"{command} failed with exit code {result.ExitCode}: {result.Error.Trim()}");
        }

        return new KernelFloorResult
        {
            Command = command,
            Line = line,
            MicrosecondsPerSend = KernelFloorRunner.MicrosecondsPerSend(line),
        };
    }
}
