using System.Diagnostics.Metrics;
using Marketplace.Hubs.ChangeFeed;
using Marketplace.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Tests.ChangeFeed;

/// <summary>
/// The feed's counters say whether it holds its connection, how many changes it published and how late.
/// </summary>
[Collection(UsesPostgres.Name)]
public sealed class ChangeFeedMetricsTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_published_change_is_counted_with_its_lag_and_the_connection_shows_as_up()
    {
        await using var host = await ServerOnEngine.StartAsync(Engine.PostgreSql, postgres);
        var published = new TaskCompletionSource<(long Value, string? Event)>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        var lag = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connected = -1;
        using var listener = Listen(host.Server.Services.GetRequiredService<IMeterFactory>());
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "marketplace.change_feed.published")
            {
                published.TrySetResult((value, tags.ToArray().Single(tag => tag.Key == "event").Value as string));
            }
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "marketplace.change_feed.lag")
            {
                lag.TrySetResult(value);
            }
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => connected = value);
        listener.Start();

        await Sql.ExecuteAsync(
            host.ConnectionString!, "INSERT INTO producto (\"nombreProducto\", precio) VALUES ('contado', 1)");
        var count = await published.Task.WaitAsync(TestTimeouts.Default);
        var milliseconds = await lag.Task.WaitAsync(TestTimeouts.Default);
        listener.RecordObservableInstruments();

        Assert.Equal((1L, "Created"), count);
        Assert.InRange(milliseconds, 0, TestTimeouts.Default.TotalMilliseconds);
        Assert.Equal(1, connected);
    }

    private static MeterListener Listen(IMeterFactory serverMeters)
    {
        return new MeterListener
        {
            // Only this server's meter: other tests run servers of their own in the same process.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ChangeFeedMetrics.MeterName && instrument.Meter.Scope == serverMeters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
    }
}
