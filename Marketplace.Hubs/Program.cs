using Marketplace.Hubs.Hosting;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

var builder = WebApplication.CreateBuilder(args);

// The predecessor read its settings from a .env file; real environment variables still take precedence.
var environmentSource = builder.Configuration.Sources.OfType<EnvironmentVariablesConfigurationSource>().FirstOrDefault();
var dotEnv = new DotEnvConfigurationSource(Path.Combine(Directory.GetCurrentDirectory(), ".env"));
builder.Configuration.Sources.Insert(
    environmentSource is null ? builder.Configuration.Sources.Count : builder.Configuration.Sources.IndexOf(environmentSource),
    dotEnv);

builder.Services.AddMarketplace(builder.Configuration);
builder.WebHost.UseUrls(builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>()?.Url
    ?? new ServerOptions().Url);

var app = builder.Build();

return await app.RunMarketplaceAsync();

/// <summary>The entry point, named for <c>WebApplicationFactory</c>.</summary>
public partial class Program;
