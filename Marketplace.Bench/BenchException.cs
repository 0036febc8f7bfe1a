namespace Marketplace.Bench;

/// <summary>
/// A run that cannot go on, with a message that says what went wrong and what to do; the bench prints it without
/// a stack trace.
/// </summary>
internal sealed class BenchException : Exception
{
    /// <summary>Creates the exception with the sentence to print.</summary>
    public BenchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the sentence to print and the failure behind it.</summary>
    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
