namespace Marketplace.Bench.Agents;

/// <summary>One reason connections ended while an agent held them, and how many ended so.</summary>
/// <param name="Reason">What the client saw, such as the server's close status and description.</param>
/// <param name="Clients">How many clients ended so.</param>
internal sealed record ClientClose(string Reason, int Clients);
