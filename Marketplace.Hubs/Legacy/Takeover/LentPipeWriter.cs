using System.IO.Pipelines;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// Lends a connection's output to the HTTP layer for one request: writes and flushes go through, completing
/// does not, so the connection's output stays open for the WebSocket that follows.
/// </summary>
internal sealed class LentPipeWriter(PipeWriter output) : PipeWriter
{
    /// <inheritdoc />
    public override bool CanGetUnflushedBytes => output.CanGetUnflushedBytes;

    /// <inheritdoc />
    public override long UnflushedBytes => output.UnflushedBytes;

    /// <inheritdoc />
    public override void Advance(int bytes) => output.Advance(bytes);

    /// <inheritdoc />
    public override Memory<byte> GetMemory(int sizeHint = 0) => output.GetMemory(sizeHint);

    /// <inheritdoc />
    public override Span<byte> GetSpan(int sizeHint = 0) => output.GetSpan(sizeHint);

    /// <inheritdoc />
    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) =>
        output.FlushAsync(cancellationToken);

    /// <inheritdoc />
    public override void CancelPendingFlush() => output.CancelPendingFlush();

    /// <inheritdoc />
    /// <remarks>The connection's own middleware completes the output when the connection ends.</remarks>
    public override void Complete(Exception? exception = null)
    {
    }
}
