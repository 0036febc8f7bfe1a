using System.Net.Sockets;
using Marketplace.Data.Configuration;
using Marketplace.Hubs.Liveness;
using Marketplace.Hubs.Security;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Starts the server: checks the settings, prepares the database, binds the port, and reports each failure
/// a user will meet as one log line that says what to do, with a non-zero exit code.
/// </summary>
internal static class MarketplaceRunner
{
    /// <summary>
    /// Maps the endpoints and runs the server until it is stopped; returns the process exit code.
    /// </summary>
    public static async Task<int> RunMarketplaceAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Marketplace.Startup");

        var advice = ValidateSettings(app.Services);
        if (advice is null)
        {
            // Mapping the hub builds its connection handler, which reads the options: only once they are valid.
            app.UseMarketplace();

            var server = app.Services.GetRequiredService<IOptions<ServerOptions>>().Value;
            advice = FindPortConflict(server)
                ?? await DatabasePreparation.RunAsync(app.Services, logger, app.Lifetime.ApplicationStopping)
                ?? await StartAsync(app, server);
        }

        if (advice is not null)
        {
            StartupLog.CannotStart(logger, advice);

            // The console logger writes from a queue; disposing the app flushes it before the process exits.
            await app.DisposeAsync();
            return 1;
        }

        LogStarted(app, logger);
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static string? ValidateSettings(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            services.GetRequiredService<DatabaseTarget>();
            return services.GetRequiredService<KestrelSettingsSetup>().Problem is { } problem
                ? $"invalid settings: {problem} Fix them in appsettings.json or the environment."
                : null;
        }
        catch (OptionsValidationException exception)
        {
            return $"invalid settings: {string.Join(" ", exception.Failures)} Fix them in appsettings.json or " +
                "the environment.";
        }
        catch (InvalidOperationException exception)
        {
            return exception.Message;
        }
    }

    private static string? FindPortConflict(ServerOptions server) =>
        PortProbe.FindConflict(server) is { } conflict ? DescribeBindFailure(server, conflict) : null;

    private static async Task<string?> StartAsync(WebApplication app, ServerOptions server)
    {
        try
        {
            await app.StartAsync();
            return null;
        }
        catch (IOException exception) when (exception.InnerException is AddressInUseException)
        {
            return DescribeBindFailure(server, SocketError.AddressAlreadyInUse);
        }
    }

    private static string DescribeBindFailure(ServerOptions server, SocketError error) => error switch
    {
        SocketError.AddressAlreadyInUse =>
            $"port {server.Port} is already in use by another program. Stop that program, or choose another " +
            "port with Server__Port (environment) or Server:Port (appsettings.json).",
        SocketError.AccessDenied =>
            $"this user may not listen on port {server.Port}. Choose a port above 1023 with Server__Port.",
        _ => $"cannot listen on {server.Url} ({error}). Check Server__Host and Server__Port.",
    };

    private static void LogStarted(WebApplication app, ILogger logger)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        StartupLog.Listening(logger, addresses is null ? "(unknown)" : string.Join(", ", addresses));

        var heartbeat = app.Services.GetRequiredService<IOptions<HeartbeatOptions>>().Value;
        StartupLog.Heartbeat(logger, heartbeat.PingInterval, heartbeat.PongTimeout, heartbeat.SignalRClientTimeout);

        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!auth.Enabled)
        {
            SecurityLog.Open(logger);
        }
        else
        {
            var method = auth.JwksUrl is null
                ? "HS256 tokens signed with Auth:JwtSecret"
                : $"tokens signed by the keys at {auth.JwksUrl}";
            SecurityLog.Enabled(logger, method);
        }
    }
}
