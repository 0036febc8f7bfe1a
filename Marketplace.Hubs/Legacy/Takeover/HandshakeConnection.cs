using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;

namespace Marketplace.Hubs.Legacy.Takeover;

/// <summary>
/// The connection as the HTTP layer sees it while it serves a legacy upgrade request: the request's head and
/// nothing after it, the connection's output without the right to complete it, and the connection's features
/// behind a layer of its own, so that nothing the HTTP layer registers outlives the request.
/// </summary>
internal sealed class HandshakeConnection : ConnectionContext, IConnectionTransportFeature, IConnectionLifetimeFeature
{
    private readonly ConnectionContext _connection;
    private IDictionary<object, object?>? _items;

    /// <summary>Initializes a new instance of the <see cref="HandshakeConnection"/> class.</summary>
    public HandshakeConnection(ConnectionContext connection, byte[] head)
    {
        _connection = connection;

        ConnectionId = connection.ConnectionId;
        Features = new FeatureCollection(connection.Features);
        Features.Set<IConnectionHeartbeatFeature>(NoHeartbeat.Instance);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Transport = new DuplexPipe(
            PipeReader.Create(new ReadOnlySequence<byte>(head)),
            new LentPipeWriter(connection.Transport.Output));
    }

    /// <inheritdoc />
    public override string ConnectionId { get; set; }

    /// <inheritdoc />
    public override IFeatureCollection Features { get; }

    /// <inheritdoc />
    /// <remarks>
    /// A bag of its own, not the connection's: nothing the HTTP layer keeps there outlives the request.
    /// </remarks>
    public override IDictionary<object, object?> Items
    {
        get => _items ??= new Dictionary<object, object?>();
        set => _items = value;
    }

    /// <inheritdoc />
    public override IDuplexPipe Transport { get; set; }

    /// <inheritdoc />
    public override CancellationToken ConnectionClosed
    {
        get => _connection.ConnectionClosed;
        set => throw new NotSupportedException("The connection's own token is used.");
    }

    /// <inheritdoc />
    public override System.Net.EndPoint? LocalEndPoint
    {
        get => _connection.LocalEndPoint;
        set => throw new NotSupportedException("The connection's own end point is used.");
    }

    /// <inheritdoc />
    public override System.Net.EndPoint? RemoteEndPoint
    {
        get => _connection.RemoteEndPoint;
        set => throw new NotSupportedException("The connection's own end point is used.");
    }

    /// <summary>Gets a value indicating whether the HTTP layer aborted the connection.</summary>
    public bool Aborted { get; private set; }

    /// <inheritdoc />
    /// <remarks>Marks the request's end only: the connection itself ends when its middleware returns.</remarks>
    public override void Abort(ConnectionAbortedException abortReason) => Aborted = true;
}
