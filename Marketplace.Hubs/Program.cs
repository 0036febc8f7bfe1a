using Marketplace.Hubs.Hosting;

// First of all: the runtime sizes its shared array pool when the pool is first used.
SharedArrayPoolSettings.Apply();

// appsettings.json ships beside the program: it must be found whatever directory the server is started from.
var builder = WebApplication.CreateBuilder(
    new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.Configuration.AddDotEnvFile(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
builder.Services.AddMarketplace(builder.Configuration);
builder.WebHost.UseUrls(
    (builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions()).Url);

var app = builder.Build();

return await app.RunMarketplaceAsync();

/// <summary>The entry point, named for <c>WebApplicationFactory</c>.</summary>
public partial class Program;
