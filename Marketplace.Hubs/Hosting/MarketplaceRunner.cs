using System.Net.Sockets;
using Marketplace.Data;
using Marketplace.Data.Configuration;
using Marketplace.Data.Failures;
using Marketplace.Data.Products;
using Marketplace.Hubs.Liveness;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
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

        var server = app.Services.GetRequiredService<IOptions<ServerOptions>>();
        var advice = ValidateSettings(app.Services)
            ?? MapEndpoints(app)
            ?? FindPortConflict(server.Value)
            ?? await PrepareDatabaseAsync(app.Services, logger, app.Lifetime.ApplicationStopping)
            ?? await StartAsync(app, server.Value);

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
            return null;
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

    private static async Task<string?> PrepareDatabaseAsync(
        IServiceProvider services,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var target = services.GetRequiredService<DatabaseTarget>();
        if (target.Provider == DatabaseProvider.Sqlite && target.Settings == "Database:SqlitePath")
        {
            StartupLog.EmbeddedDatabase(logger, target.Description);
        }
        else
        {
            StartupLog.Database(logger, target.Description);
        }

        try
        {
            var contexts = services.GetRequiredService<IDbContextFactory<MarketplaceDbContext>>();
            await using (var context = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await context.Database.MigrateAsync(cancellationToken);
            }

            var highest = await services.GetRequiredService<IProductStore>().GetHighestIdAsync(cancellationToken);
            StartupLog.HighestProductId(logger, highest?.ToString(System.Globalization.CultureInfo.InvariantCulture)
                ?? "none (the catalogue is empty)");
            return null;
        }
        catch (Exception exception) when (DatabaseFailures.Describe(exception, target) is { } advice)
        {
            return advice;
        }
    }

    // Mapping the hub builds its connection handler, which reads the options: only after they were validated.
    private static string? MapEndpoints(WebApplication app)
    {
        app.UseMarketplace();
        return null;
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
    }
}
