namespace Marketplace.Tests.Infrastructure;

/// <summary>
/// Test classes in this collection share one PostgreSQL server; each test makes a database of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class UsesPostgres : ICollectionFixture<PostgresServer>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PostgreSQL";
}
