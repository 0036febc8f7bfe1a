using System.Net;
using System.Net.WebSockets;
using System.Security.Claims;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Liveness;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Legacy;

/// <summary>
/// A legacy connection answers its own features without a dictionary, and keeps anything else set on it.
/// </summary>
public sealed class LegacyFeaturesTests : IDisposable
{
    private readonly LegacyHeartbeat _heartbeat =
        new(Options.Create(new HeartbeatOptions()), TimeProvider.System);

    [Fact]
    public async Task The_connection_answers_for_its_user_end_points_and_legacy_features()
    {
        await using var connection = Open(httpContext: null);

        Assert.Same(connection, connection.Features.Get<IConnectionUserFeature>());
        Assert.Same(connection, connection.Features.Get<IConnectionEndPointFeature>());
        Assert.Same(connection, connection.Features.Get<ILegacyConnectionFeature>());
        Assert.NotNull(connection.Features.Get<LegacySender>());
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)connection.RemoteEndPoint!).Address);
    }

    [Fact]
    public async Task Its_request_is_offered_only_while_the_connection_keeps_one()
    {
        await using var below = Open(httpContext: null);
        await using var inside = Open(new DefaultHttpContext());

        Assert.Null(below.Features.Get<IHttpContextFeature>());
        Assert.Same(inside, inside.Features.Get<IHttpContextFeature>());
        Assert.DoesNotContain(below.Features, feature => feature.Key == typeof(IHttpContextFeature));
    }

    [Fact]
    public async Task Anything_else_set_is_kept_and_a_feature_set_anew_wins_over_its_own()
    {
        await using var connection = Open(httpContext: null);
        var user = new OtherUser();

        connection.Features.Set("a value");
        connection.Features.Set<IConnectionUserFeature>(user);

        Assert.Equal("a value", connection.Features.Get<string>());
        Assert.Same(user, connection.Features.Get<IConnectionUserFeature>());
        Assert.Equal(2, connection.Features.Revision);
        Assert.Single(connection.Features, feature => feature.Key == typeof(IConnectionUserFeature));
        Assert.Contains(connection.Features, feature => feature.Key == typeof(string));
    }

    /// <inheritdoc />
    public void Dispose() => _heartbeat.Dispose();

    private LegacyConnection Open(HttpContext? httpContext)
    {
        var socket = WebSocket.CreateFromStream(new MemoryStream(), new WebSocketCreationOptions { IsServer = true });
        var client = new LegacyClient(
            new ClaimsPrincipal(new ClaimsIdentity()),
            "/ws",
            "test-connection",
            new IPEndPoint(IPAddress.Loopback, 50000),
            null,
            httpContext,
            null);
        return new LegacyConnection(
            socket,
            new LegacyWire(new MemoryStream(), socket: null),
            client,
            new LegacyOptions(),
            new LegacySendScheduler(),
            _heartbeat,
            1024 * 1024,
            NullLogger.Instance);
    }

    private sealed class OtherUser : IConnectionUserFeature
    {
        public ClaimsPrincipal? User { get; set; }
    }
}
