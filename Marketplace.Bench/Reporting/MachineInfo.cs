using System.Runtime.InteropServices;

namespace Marketplace.Bench.Reporting;

/// <summary>The facts about the machine that a reader needs to compare two runs.</summary>
/// <param name="Processors">Logical processors the bench can use, shared with the server it starts.</param>
/// <param name="OperatingSystem">The operating system, as the runtime describes it.</param>
/// <param name="Runtime">The .NET runtime the bench runs on.</param>
internal sealed record MachineInfo(int Processors, string OperatingSystem, string Runtime)
{
    /// <summary>Describes the machine the bench is running on.</summary>
    public static MachineInfo Current() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription);
}
