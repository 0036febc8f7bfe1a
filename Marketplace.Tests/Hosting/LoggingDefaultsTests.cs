using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Hosting;

/// <summary>
/// The logging defaults that keep an idle connection small: every realtime connection is one long request, and
/// ASP.NET Core keeps a request activity and log scopes alive for it only when these are on.
/// </summary>
public sealed class LoggingDefaultsTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public void Log_scopes_are_not_captured()
    {
        var filters = fixture.Server.Services.GetRequiredService<IOptions<LoggerFilterOptions>>().Value;

        Assert.False(filters.CaptureScopes);
    }

    [Fact]
    public void Hosting_diagnostics_log_nothing_so_requests_start_no_activity()
    {
        var loggers = fixture.Server.Services.GetRequiredService<ILoggerFactory>();

        var hosting = loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");

        Assert.False(hosting.IsEnabled(LogLevel.Critical));
    }
}
