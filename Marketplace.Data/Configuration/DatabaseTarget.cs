namespace Marketplace.Data.Configuration;

/// <summary>
/// Where the products live, resolved once from configuration at start.
/// </summary>
/// <param name="Provider">The database engine.</param>
/// <param name="ConnectionString">The connection string; holds secrets, so it is never logged.</param>
/// <param name="Description">A description fit for logs: host, port, database and user, or the file path.</param>
/// <param name="Settings">The settings an operator changes to point the server elsewhere, for error messages.</param>
/// <param name="IsEmbeddedDefault">True when nothing was configured and the embedded SQLite file is used.</param>
public sealed record DatabaseTarget(
    DatabaseProvider Provider,
    string ConnectionString,
    string Description,
    string Settings,
    bool IsEmbeddedDefault = false)
{
    /// <inheritdoc />
    public override string ToString() => Description;
}
