namespace Marketplace.Bench.Internal;

/// <summary>What a program run to its end printed, and its exit code.</summary>
/// <param name="ExitCode">The program's exit code.</param>
/// <param name="Output">Everything it wrote to standard output.</param>
/// <param name="Error">Everything it wrote to standard error.</param>
internal sealed record CommandResult(int ExitCode, string Output, string Error);
