using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.KernelFloor;

/// <summary>
/// Runs <c>paced-floor</c> beside a scenario that publishes at a fixed rate: <c>KernelFloor/paced-floor.c</c> of
/// the bench's own source, compiled with <c>gcc -O2</c> into the run's folder. Its figure is the kernel's CPU per
/// send when each round of sends has to wake a sleeping receiver, which back-to-back sends never do.
/// </summary>
internal static partial class PacedFloorRunner
{
    /// <summary>Measures the paced floor as <paramref name="plan"/> says, or says why it could not.</summary>
    public static async Task<KernelFloorResult> MeasureAsync(
        CommonOptions common,
        PacedFloorPlan plan,
        string workDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(common);
        ArgumentNullException.ThrowIfNull(plan);

        if (common.SkipKernelFloor)
        {
            return KernelFloorResult.Skipped("--no-kernel-floor was given");
        }

        var source = Path.Combine(BuildInfo.RepositoryDirectory, "Marketplace.Bench", "KernelFloor", "paced-floor.c");
        if (!File.Exists(source))
        {
            return KernelFloorResult.Skipped($"{source} was not found");
        }

        var (program, failure) = await FloorProgram.CompileAsync(source, workDirectory, cancellationToken);
        if (program is null)
        {
            return KernelFloorResult.Skipped(failure!);
        }

        var command = $"gcc -O2 -o paced-floor {source} && ./paced-floor {string.Join(' ', plan.Arguments)}";
        var result = await FloorProgram.RunAsync(program, plan.Arguments, command, cancellationToken);
        return result.Line is { } line
            ? result with { AchievedRoundsPerSecond = AchievedRoundsPerSecond(line) }
            : result;
    }

    /// <summary>
    /// Reads the rate the rounds achieved from the program's summary line, such as <c>1000 connections x 400
    /// rounds at 50 rounds/s (49.9 achieved), 260 bytes: 7.10 us of sender CPU per send</c>; null when the line
    /// has no such figure. Below the rate asked for, rounds took longer than the pause between them.
    /// </summary>
    public static double? AchievedRoundsPerSecond(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        var match = AchievedFigure().Match(line);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"\((\d+(?:\.\d+)?) achieved\)")]
    private static partial Regex AchievedFigure();
}
