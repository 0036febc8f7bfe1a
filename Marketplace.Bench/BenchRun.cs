using System.Globalization;
using System.Runtime.InteropServices;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.KernelFloor;
using Marketplace.Bench.Reporting;
using Marketplace.Bench.Scenarios;

namespace Marketplace.Bench;

/// <summary>
/// One run of one scenario: a fresh work folder, the scenario, the kernel floor beside it, the report, and a
/// clean end on success, failure or Ctrl+C alike.
/// </summary>
internal static class BenchRun
{
    /// <summary>Exit code of a run that failed.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Exit code of a run stopped by Ctrl+C or SIGTERM, as a shell reports an interrupted program.</summary>
    public const int CancelledExitCode = 130;

    private const int ServerLinesShown = 6;

    /// <summary>
    /// Runs <paramref name="command"/>; the report goes to <paramref name="output"/>, progress and errors to
    /// <paramref name="progress"/>.
    /// </summary>
    /// <returns>The process's exit code.</returns>
    public static async Task<int> ExecuteAsync(RunCommand command, TextWriter output, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(progress);

        // Not Directory.CreateTempSubdirectory: its folder is private to this user, and the cluster's user must
        // be able to pass through it.
        var workDirectory = Path.Combine(Path.GetTempPath(), $"marketplace-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        var context = new ScenarioContext(workDirectory, progress);

        using var stopping = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stopping));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stopping));

        try
        {
            var report = await RunAsync(command, context, stopping.Token);
            await WriteReportAsync(report, command.Common.JsonPath, output);
            Directory.Delete(workDirectory, recursive: true);
            return 0;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await progress.WriteLineAsync($"{command.Scenario.Name}: cancelled; the server and cluster are stopped.");
            Directory.Delete(workDirectory, recursive: true);
            return CancelledExitCode;
        }
        catch (BenchException exception)
        {
            await progress.WriteLineAsync($"{command.Scenario.Name} failed: {exception.Message}");
            await ReportLeftoversAsync(context, progress);
            return FailureExitCode;
        }
        catch (Exception exception)
        {
            // A fault of the bench itself: the whole exception, for whoever fixes it, and the same clean end.
            await progress.WriteLineAsync($"{command.Scenario.Name} failed unexpectedly: {exception}");
            await ReportLeftoversAsync(context, progress);
            return FailureExitCode;
        }
    }

    private static async Task<BenchReport> RunAsync(
        RunCommand command,
        ScenarioContext context,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var result = await command.Scenario.RunAsync(context, cancellationToken);

        // After the scenario, with its server and cluster stopped, so the floor has the machine to itself.
        if (!command.Common.SkipKernelFloor)
        {
            await context.Progress.WriteLineAsync("kernel floor: measuring");
        }

        var floor = await KernelFloorRunner.MeasureAsync(command.Common, context.WorkDirectory, cancellationToken);
        var pacedFloor = result.PacedFloor is { } plan
            ? await MeasurePacedFloorAsync(command.Common, plan, context, cancellationToken)
            : null;
        return new BenchReport(command.Scenario.Name, startedAt, MachineInfo.Current(), result, floor)
        {
            PacedFloor = pacedFloor,
        };
    }

    private static async Task<KernelFloorResult> MeasurePacedFloorAsync(
        CommonOptions common,
        PacedFloorPlan plan,
        ScenarioContext context,
        CancellationToken cancellationToken)
    {
        if (!common.SkipKernelFloor)
        {
            await context.Progress.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"paced kernel floor: measuring, {plan.Rounds} rounds to {plan.Connections} connections at " +
                $"{plan.RoundsPerSecond} per second"));
        }

        return await PacedFloorRunner.MeasureAsync(common, plan, context.WorkDirectory, cancellationToken);
    }

    private static async Task WriteReportAsync(BenchReport report, string? jsonPath, TextWriter output)
    {
        TableReportWriter.Write(report, output);
        await output.WriteLineAsync();

        var json = JsonReportWriter.ToJson(report);
        await output.WriteLineAsync(json);
        if (jsonPath is not null)
        {
            await File.WriteAllTextAsync(jsonPath, json + Environment.NewLine);
        }
    }

    private static async Task ReportLeftoversAsync(ScenarioContext context, TextWriter progress)
    {
        // The cluster is gone by now; the folder stays only for the server's log.
        if (!File.Exists(context.ServerLogPath))
        {
            Directory.Delete(context.WorkDirectory, recursive: true);
            return;
        }

        // The server's last words usually say what went wrong, such as a setting it could not read.
        var lines = await File.ReadAllLinesAsync(context.ServerLogPath);
        await progress.WriteLineAsync($"The server's output is in {context.ServerLogPath}; it ended with:");
        foreach (var line in lines.TakeLast(ServerLinesShown))
        {
            await progress.WriteLineAsync($"  {line}");
        }
    }

    private static void Stop(PosixSignalContext signal, CancellationTokenSource stopping)
    {
        // The first signal stops the run cleanly; a second one is left to end the bench at once.
        if (!stopping.IsCancellationRequested)
        {
            signal.Cancel = true;
            stopping.Cancel();
        }
    }
}
