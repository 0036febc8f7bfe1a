using System.Diagnostics;
using Marketplace.Bench;
using Marketplace.Bench.Measurement;
using Marketplace.Bench.Servers;
using TestTimeouts = Marketplace.Tests.Infrastructure.TestTimeouts;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>A full GC forced through a process's diagnostics port, in the server as the bench starts it.</summary>
public sealed class ForcedCollectionTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("marketplace-gc-").FullName;

    [Fact]
    public async Task The_server_collects_and_reports_a_plausible_managed_heap()
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "Marketplace.Hubs.dll");
        await using var server = await ServerProcess.StartAsync(serverDll, [], Path.Combine(_directory, "server.log"));

        var first = await ForcedCollection.RunAsync(server.ProcessId).WaitAsync(TestTimeouts.Default);
        var second = await ForcedCollection.RunAsync(server.ProcessId).WaitAsync(TestTimeouts.Default);

        // A started ASP.NET Core server keeps a few MiB alive; an idle one keeps about the same across collections.
        Assert.InRange(first.TotalBytes, 512 * 1024, 512L * 1024 * 1024);
        Assert.InRange(second.TotalBytes, first.TotalBytes / 2, first.TotalBytes * 2);
        Assert.InRange(second.SurvivedBytes, 256 * 1024, second.TotalBytes);
        Assert.True(second.Gen2Bytes > 0, "A full compacting collection leaves the survivors in generation 2.");
    }

    [Fact]
    public async Task A_process_without_a_dotnet_runtime_is_refused_with_the_reason()
    {
        using var sleeper = Process.Start("sleep", "30");
        try
        {
            var refusal = await Assert.ThrowsAsync<BenchException>(
                () => ForcedCollection.RunAsync(sleeper.Id).WaitAsync(TestTimeouts.Default));

            Assert.StartsWith(
                $"Cannot induce a GC in process {sleeper.Id} through its diagnostics port:",
                refusal.Message,
                StringComparison.Ordinal);
        }
        finally
        {
            sleeper.Kill();
        }
    }

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }
}
