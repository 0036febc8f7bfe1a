namespace Marketplace.Tests.Infrastructure;

/// <summary>The database engines a scenario runs on.</summary>
public enum Engine
{
    /// <summary>The embedded SQLite file.</summary>
    Sqlite,

    /// <summary>A real PostgreSQL database.</summary>
    PostgreSql,
}
