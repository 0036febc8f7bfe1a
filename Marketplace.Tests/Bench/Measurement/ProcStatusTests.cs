using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>Reading a process's resident memory from <c>/proc/&lt;pid&gt;/status</c>.</summary>
public sealed class ProcStatusTests
{
    [Fact]
    public void The_VmRSS_line_is_read_in_bytes()
    {
        const string status = "Name:\tdotnet\nVmPeak:\t  900000 kB\nVmRSS:\t   51234 kB\nThreads:\t22\n";

        Assert.Equal(51_234L * 1024, ProcStatus.ParseResidentBytes(status));
    }

    [Theory]
    [InlineData("Name:\tkworker\nThreads:\t1\n")]
    [InlineData("VmRSS:\t12 MB\n")]
    [InlineData("VmRSS:\tlots kB\n")]
    public void A_status_without_a_well_formed_VmRSS_line_is_refused(string status)
    {
        Assert.Throws<FormatException>(() => ProcStatus.ParseResidentBytes(status));
    }

    [Fact]
    public void The_bench_s_own_memory_is_read_from_proc()
    {
        var resident = ProcStatus.ReadResidentBytes(Environment.ProcessId);

        Assert.InRange(resident, 1024 * 1024, 64L * 1024 * 1024 * 1024);
    }
}
