namespace Marketplace.Tests.Infrastructure;

/// <summary>How a program ended and what it printed.</summary>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Gets standard output and error together.</summary>
    public string AllOutput => Output + Error;
}
