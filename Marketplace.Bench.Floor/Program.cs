using System.Net;
using Marketplace.Bench.Floor;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

// The platform floor: the least an ASP.NET Core server holds for an idle subscriber, on the same Kestrel, WebSocket
// and SignalR as the marketplace server but with nothing of its own. The bench runs it with --server-dll to tell
// the platform's share of a connection's memory from the server's.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var host = IPAddress.Parse(builder.Configuration["Server:Host"] ?? "127.0.0.1");
var port = builder.Configuration.GetValue("Server:Port", 8100);
var belowHttp = builder.Configuration.GetValue("Floor:BelowHttp", false);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(host, port, listen =>
{
    // Floor:BelowHttp=true serves /ws upgrades before Kestrel's HTTP layer, to show what that layer costs.
    if (belowHttp)
    {
        listen.Use(next => FloorUpgrade.Use(next, listen.ApplicationServices.GetRequiredService<FloorChannels>()));
    }
}));

builder.Services.AddSingleton<FloorChannels>();
builder.Services.AddSignalR();

var app = builder.Build();

// The marketplace server's liveness settings, since its heartbeat is part of what a connection costs.
app.UseWebSockets(new WebSocketOptions
{
    KeepAliveInterval = TimeSpan.FromSeconds(10),
    KeepAliveTimeout = TimeSpan.FromSeconds(5),
});
app.Map("/ws", FloorEndpoint.HandleAsync);
app.MapHub<FloorHub>("/hubs/marketplace");

await app.StartAsync();

// The bench waits for this line to learn the port the system chose.
var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
Console.WriteLine($"Listening on {string.Join(", ", addresses ?? app.Urls)}");

await app.WaitForShutdownAsync();
