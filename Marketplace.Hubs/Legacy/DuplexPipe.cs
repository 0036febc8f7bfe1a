using System.IO.Pipelines;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// The hub's side of a legacy connection: it reads what the client sent and writes what the client receives.
/// </summary>
/// <param name="Input">What the client sent.</param>
/// <param name="Output">What the client receives.</param>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
