namespace Marketplace.Bench.CommandLine;

/// <summary>A command line the bench cannot run, with a message that names the option and what it wants.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the exception with the sentence to print.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the sentence to print and the failure behind it.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
