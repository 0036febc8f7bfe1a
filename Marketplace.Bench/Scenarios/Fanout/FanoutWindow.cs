using Marketplace.Bench.Agents;
using Marketplace.Bench.Clients;
using Marketplace.Bench.Measurement;

namespace Marketplace.Bench.Scenarios.Fanout;

/// <summary>What the measured part of a <c>fanout</c> run saw, before the agents report.</summary>
/// <param name="Publishing">How the measured publishes went.</param>
/// <param name="StartedAt">The Stopwatch timestamp just before the first measured publish.</param>
/// <param name="Elapsed">
/// From the first measured publish until every open subscriber had all, or until the drain timed out.
/// </param>
/// <param name="Status">The agents' counts when the window closed.</param>
/// <param name="ServerCpu">The server's CPU time over the window; null when its process is unknown.</param>
/// <param name="AgentsCpu">The subscriber agents' CPU time over the window, all agents together.</param>
internal sealed record FanoutWindow(
    PublishOutcome Publishing,
    long StartedAt,
    TimeSpan Elapsed,
    AgentStatus Status,
    CpuTime? ServerCpu,
    CpuTime AgentsCpu);
