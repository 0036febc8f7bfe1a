namespace Marketplace.Data.Configuration;

/// <summary>
/// The database engines the server can store products in.
/// </summary>
public enum DatabaseProvider
{
    /// <summary>An embedded SQLite file: the default when no database is configured.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql: production.</summary>
    PostgreSql,
}
