namespace Marketplace.Bench.CommandLine;

/// <summary>A request for help: print <paramref name="Text"/> and stop.</summary>
/// <param name="Text">The help to print.</param>
internal sealed record HelpCommand(string Text) : BenchCommand;
