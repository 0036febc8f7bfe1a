using Marketplace.Bench.Agents;

namespace Marketplace.Bench.CommandLine;

/// <summary>
/// A request to run as a subscriber agent, a child process a scenario starts; not listed in the help, since
/// nobody types it.
/// </summary>
/// <param name="Options">What the agent holds.</param>
internal sealed record AgentCommand(AgentOptions Options) : BenchCommand;
