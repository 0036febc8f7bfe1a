using System.Text.Encodings.Web;
using Marketplace.Data;
using Marketplace.Hubs.ChangeFeed;
using Marketplace.Hubs.Channels;
using Marketplace.Hubs.Delivery;
using Marketplace.Hubs.Legacy;
using Marketplace.Hubs.Legacy.Takeover;
using Marketplace.Hubs.Limits;
using Marketplace.Hubs.Liveness;
using Marketplace.Hubs.Products;
using Marketplace.Hubs.Permissions;
using Marketplace.Hubs.Protocols;
using Marketplace.Hubs.Realtime;
using Marketplace.Hubs.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Registers everything the realtime server is made of.
/// </summary>
internal static class MarketplaceServiceCollectionExtensions
{
    // SignalR's keep-alive cannot be switched off; at a day apart its pings would only reach a connection that
    // HubKeepAlive, which pings every PingInterval, had somehow missed for that long.
    private static readonly TimeSpan SignalRKeepAliveOff = TimeSpan.FromDays(1);

    /// <summary>
    /// Adds the hub, both protocols, the legacy shim, the product database, the change feed and their options.
    /// </summary>
    public static IServiceCollection AddMarketplace(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ServerOptions>(ServerOptions.Section);
        services.AddValidatedOptions<HeartbeatOptions>(HeartbeatOptions.Section);
        services.AddValidatedOptions<LegacyOptions>(LegacyOptions.Section);
        services.AddValidatedOptions<ChannelOptions>(ChannelOptions.Section);
        services.AddValidatedOptions<ProductOptions>(ProductOptions.Section);
        services.AddValidatedOptions<RequestRateOptions>(RequestRateOptions.Section);
        services.AddValidatedOptions<ConnectionGateOptions>(ConnectionGateOptions.Section);
        services.AddValidatedOptions<DeliveryOptions>(DeliveryOptions.Section);
        services.AddValidatedOptions<AuthOptions>(AuthOptions.Section);
        services.AddValidatedOptions<PermissionOptions>(PermissionOptions.Section);
        services.AddSingleton(new KestrelSettingsSetup(configuration));
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>>(
            provider => provider.GetRequiredService<KestrelSettingsSetup>());

        services.AddSingleton(_ => DatabaseTargetResolver.Resolve(configuration, Directory.GetCurrentDirectory()));
        services.AddMarketplaceData();
        services.AddChangeFeed();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ChannelRules>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<ProductCatalog>();
        services.AddSingleton<ProductEventPublisher>();
        services.AddSingleton<LegacyWebSocketHandler>();
        services.AddSingleton<LegacyHandoffs>();
        services.AddSingleton<LegacyTakeoverMiddleware>();
        services.AddTransient<IConfigureOptions<KestrelServerOptions>, LegacyTakeoverSetup>();
        services.AddSingleton<LegacySendScheduler>();

        // Liveness keeps the machine's clock whatever TimeProvider the server is given (see LegacyHeartbeat).
        services.AddSingleton(provider => new LegacyHeartbeat(
            provider.GetRequiredService<IOptions<HeartbeatOptions>>(), TimeProvider.System));
        services.AddHostedService(provider => new HubKeepAlive(
            provider.GetRequiredService<IKeepAliveRounds>(),
            provider.GetRequiredService<IOptions<HeartbeatOptions>>(),
            TimeProvider.System));
        services.AddSingleton<HubRequestFilter>();

        services.AddSignalR(hub => hub.AddFilter<HubRequestFilter>())
            .AddJsonProtocol(json =>
                json.PayloadSerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHubProtocol, LegacyHubProtocol>());
        services.Replace(ServiceDescriptor.Singleton(typeof(HubLifetimeManager<>), typeof(DeliveryLifetimeManager<>)));
        services.AddLifetimeManagerRole<IChannelMembership>("keep channel membership");
        services.AddLifetimeManagerRole<IKeepAliveRounds>("send keep-alive rounds");

        // Every protocol, JSON and legacy alike, reports failures as "code: sentence".
        services.Decorate<IHubProtocol, CodedErrorHubProtocol>();

        services.AddOptions<HubOptions>()
            .Configure<IOptions<HeartbeatOptions>, IOptions<LegacyOptions>>((hub, heartbeat, legacy) =>
            {
                // HubKeepAlive sends SignalR's keep-alive instead, spread over the interval.
                hub.KeepAliveInterval = SignalRKeepAliveOff;
                hub.ClientTimeoutInterval = heartbeat.Value.SignalRClientTimeout;
                hub.MaximumReceiveMessageSize = legacy.Value.MaxFrameBytes + LegacyRecord.HeaderSize;
                hub.EnableDetailedErrors = false;
            });
        services.AddOptions<JsonHubProtocolOptions>()
            .Configure<IOptions<LegacyOptions>>((json, legacy) =>
                json.PayloadSerializerOptions.MaxDepth = legacy.Value.MaxJsonDepth);

        // These defaults reach SignalR's sockets only: legacy ones are accepted with settings of their own and
        // pinged by LegacyHeartbeat. SignalR judges its connections by their keep-alive messages; a runtime ping
        // timer per socket on top would cost about 300 bytes a connection and drop clients merely behind in reading.
        services.AddOptions<WebSocketOptions>()
            .Configure(webSockets =>
            {
                webSockets.KeepAliveInterval = TimeSpan.Zero;
                webSockets.KeepAliveTimeout = Timeout.InfiniteTimeSpan;
            });

        return services;
    }

    // The delivery manager also answers for channel membership and keep-alive rounds; a manager put in its place
    // must too, and start-up says so rather than a request failing later.
    private static void AddLifetimeManagerRole<TRole>(this IServiceCollection services, string duty)
        where TRole : class
    {
        services.AddSingleton(provider =>
            provider.GetRequiredService<HubLifetimeManager<MarketplaceHub>>() as TRole
            ?? throw new InvalidOperationException(
                $"The hub's lifetime manager must {duty}, as Delivery/DeliveryLifetimeManager does."));
    }

    private static void AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
