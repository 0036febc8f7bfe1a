using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Internal;

namespace Marketplace.Bench.KernelFloor;

/// <summary>
/// Runs <c>kernel-floor</c> beside a scenario, so every report carries the floor measured on the same machine in
/// the same run: the program given with <c>--kernel-floor</c>, or <c>shared/tools/kernel-floor.c</c> compiled
/// with <c>gcc -O2</c> into the run's folder.
/// </summary>
internal static partial class KernelFloorRunner
{
    /// <summary>The size of every frame either floor sends: a small notification.</summary>
    public const int FrameBytes = 260;

    /// <summary>
    /// The program's own defaults, written out so the report says what was measured: 1,000 connections, 500
    /// rounds, 260-byte frames, the size of a small notification.
    /// </summary>
    public static readonly IReadOnlyList<string> Arguments =
        ["1000", "500", FrameBytes.ToString(CultureInfo.InvariantCulture)];

    /// <summary>Measures the floor, or says why it could not; it never fails the run.</summary>
    public static async Task<KernelFloorResult> MeasureAsync(
        CommonOptions common,
        string workDirectory,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(common);

        if (common.SkipKernelFloor)
        {
            return KernelFloorResult.Skipped("--no-kernel-floor was given");
        }

        var source = FindSource();
        var (program, failure) = (common.KernelFloorPath, source) switch
        {
            ({ } given, _) => (given, null),
            (null, null) => (null, "shared/tools/kernel-floor.c was not found beside the repository; give " +
                "--kernel-floor"),
            (null, { } found) => await FloorProgram.CompileAsync(found, workDirectory, cancellationToken),
        };
        if (program is null)
        {
            return KernelFloorResult.Skipped(failure!);
        }

        // A compiled program lives in the run's folder, which is gone after the run; its source is what to cite.
        var arguments = string.Join(' ', Arguments);
        var command = common.KernelFloorPath is null
            ? $"gcc -O2 -o kernel-floor {source} && ./kernel-floor {arguments}"
            : $"{program} {arguments}";
        return await FloorProgram.RunAsync(program, Arguments, command, cancellationToken);
    }

    /// <summary>
    /// Reads the CPU time per send from the program's summary line, such as <c>1000 connections x 500 sends of
    /// 260 bytes: 5.50 us of sender CPU per send</c>; null when the line has no such figure.
    /// </summary>
    public static double? MicrosecondsPerSend(string line)
    {
        ArgumentNullException.ThrowIfNull(line);

        var match = PerSendFigure().Match(line);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?) us of sender CPU per send")]
    private static partial Regex PerSendFigure();

    private static string? FindSource()
    {
        // shared/ sits beside the repository's folder, on a developer's machine and in CI alike.
        var repository = BuildInfo.RepositoryDirectory;
        var beside = Path.GetFullPath(Path.Combine(repository, "..", "shared", "tools", "kernel-floor.c"));
        return File.Exists(beside) ? beside : null;
    }
}
