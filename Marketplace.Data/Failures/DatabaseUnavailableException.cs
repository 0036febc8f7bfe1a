namespace Marketplace.Data.Failures;

/// <summary>
/// The database could not be reached or refused the connection; the request may succeed later.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="DatabaseUnavailableException"/> class.</summary>
    public DatabaseUnavailableException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatabaseUnavailableException"/> class.</summary>
    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="DatabaseUnavailableException"/> class.</summary>
    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
