using System.IO.Pipelines;

namespace Marketplace.Hubs.Legacy;

/// <summary>
/// A reader and a writer as one connection's transport: the hub's side of a legacy connection, or what the HTTP
/// layer sees of a connection while it serves a legacy upgrade.
/// </summary>
/// <param name="Input">What the client sent.</param>
/// <param name="Output">What the client receives.</param>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
