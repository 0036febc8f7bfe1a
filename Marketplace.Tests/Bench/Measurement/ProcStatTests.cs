using System.Diagnostics;
using Marketplace.Bench;
using Marketplace.Bench.Measurement;

namespace Marketplace.Tests.Bench.Measurement;

/// <summary>Reading a process's CPU time from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
public sealed class ProcStatTests
{
    // As the kernel writes it: pid, (comm), state, then fields 4 to 52; utime is 250 ticks, stime 37.
    private const string DotnetLine =
        "4242 (dotnet) S 1 4242 4242 0 -1 4194560 91234 0 12 0 250 37 0 0 20 0 25 0 123456 3221225472 30000 " +
        "18446744073709551615 1 1 0 0 0 0 16387 4096 1260 0 0 0 17 1 0 0 0 0 0 0 0 0 0 0 0 0 0";

    [Fact]
    public void User_and_system_time_are_fields_fourteen_and_fifteen_in_clock_ticks()
    {
        var cpu = ProcStat.Parse(DotnetLine, ticksPerSecond: 100);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), cpu.User);
        Assert.Equal(TimeSpan.FromMilliseconds(370), cpu.System);
        Assert.Equal(TimeSpan.FromMilliseconds(2870), cpu.Total);
    }

    [Fact]
    public void The_tick_rate_sets_the_unit()
    {
        var cpu = ProcStat.Parse(DotnetLine, ticksPerSecond: 1000);

        Assert.Equal(TimeSpan.FromMilliseconds(250), cpu.User);
        Assert.Equal(TimeSpan.FromMilliseconds(37), cpu.System);
    }

    [Theory]
    [InlineData("4242 (Marketplace Hubs) S")]
    [InlineData("4242 (a) b (c) S")]
    [InlineData("4242 ()) S")]
    [InlineData("4242 (x S 1 2 3 4 5 6 7 8 9 10 11 999 999) S")]
    public void A_command_name_with_spaces_or_parentheses_does_not_shift_the_fields(string head)
    {
        var line = head + DotnetLine[DotnetLine.IndexOf(" S", StringComparison.Ordinal)..][2..];

        var cpu = ProcStat.Parse(line, ticksPerSecond: 100);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), cpu.User);
        Assert.Equal(TimeSpan.FromMilliseconds(370), cpu.System);
    }

    [Theory]
    [InlineData("not a stat line")]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 91234 0 12 0 250")]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 91234 0 12 0 250 -37 0 0")]
    [InlineData("4242 (dotnet) S 1 4242 4242 0 -1 4194560 91234 0 12 0 lots 37 0 0")]
    public void A_line_that_is_not_a_stat_line_is_refused(string line)
    {
        Assert.Throws<FormatException>(() => ProcStat.Parse(line, ticksPerSecond: 100));
    }

    [Fact]
    public void The_current_process_reads_as_the_runtime_counts_it()
    {
        using var self = Process.GetCurrentProcess();
        var before = self.TotalProcessorTime;

        var fromProc = ProcStat.Read(Environment.ProcessId).Total;
        self.Refresh();
        var after = self.TotalProcessorTime;

        // The runtime counts finer than the clock ticks of /proc, whose user and system times are each cut down
        // to a whole tick; with the right tick unit this reading still falls between the runtime's two, less up
        // to two ticks. A wrong unit would be out by a factor of ten or more, far outside that slack.
        var tick = TimeSpan.FromMilliseconds(10);
        Assert.True(before > TimeSpan.Zero);
        Assert.InRange(fromProc, before - (3 * tick), after + tick);
    }

    [Fact]
    public void A_process_that_does_not_exist_is_a_bench_error()
    {
        var refusal = Assert.Throws<BenchException>(() => ProcStat.Read(int.MaxValue));

        Assert.Contains($"process {int.MaxValue}", refusal.Message, StringComparison.Ordinal);
    }
}
