namespace Marketplace.Bench.CommandLine;

/// <summary>What a command line asks the bench to do: print help, or run a scenario.</summary>
internal abstract record BenchCommand;
