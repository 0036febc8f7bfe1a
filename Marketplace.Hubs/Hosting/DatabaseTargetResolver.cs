using Marketplace.Data.Configuration;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Decides where the products live, in this order: <c>ConnectionStrings:Marketplace</c>, the predecessor's
/// <c>DB_*</c> variables, and otherwise an embedded SQLite file.
/// </summary>
internal static class DatabaseTargetResolver
{
    private const string ConnectionStringSetting = "ConnectionStrings:Marketplace";
    private const string LegacySettings = "DB_HOST, DB_PORT, DB_USER, DB_PASS, DB_NAME and DB_SSL";
    private const string SqlitePathSetting = "Database:SqlitePath";

    /// <summary>Resolves the database from configuration; throws <see cref="InvalidOperationException"/> on
    /// a setting that cannot be used, with a message that names it.</summary>
    public static DatabaseTarget Resolve(IConfiguration configuration, string workingDirectory)
    {
        var connectionString = configuration.GetConnectionString("Marketplace");
        var provider = configuration["Database:Provider"];

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return string.Equals(provider, "sqlite", StringComparison.OrdinalIgnoreCase)
                ? Sqlite(new SqliteConnectionStringBuilder(connectionString), ConnectionStringSetting)
                : PostgreSql(Parse(connectionString), ConnectionStringSetting);
        }

        if (!string.IsNullOrWhiteSpace(configuration["DB_HOST"]))
        {
            return PostgreSql(FromLegacyVariables(configuration), LegacySettings);
        }

        var path = Path.GetFullPath(configuration[SqlitePathSetting] ?? "marketplace.db", workingDirectory);
        return Sqlite(new SqliteConnectionStringBuilder { DataSource = path }, SqlitePathSetting) with
        {
            IsEmbeddedDefault = true,
        };
    }

    private static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"{ConnectionStringSetting} is not a valid PostgreSQL connection string ({exception.Message}). " +
                "Write it as Host=...;Port=5432;Database=...;Username=...;Password=...", exception);
        }
    }

    private static NpgsqlConnectionStringBuilder FromLegacyVariables(IConfiguration configuration)
    {
        var port = configuration["DB_PORT"];
        if (port is not null && !int.TryParse(port, out _))
        {
            throw new InvalidOperationException($"DB_PORT must be a port number; it is '{port}'.");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = configuration["DB_HOST"],
            Port = port is null ? 5432 : int.Parse(port, System.Globalization.CultureInfo.InvariantCulture),
            Username = configuration["DB_USER"] ?? "postgres",
            Password = configuration["DB_PASS"],
            Database = configuration["DB_NAME"] ?? "postgres",
            SslMode = ParseSsl(configuration["DB_SSL"]),
            Timeout = 5,
        };
    }

    private static SslMode ParseSsl(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" => SslMode.Prefer,
        "TRUE" or "1" or "YES" or "REQUIRE" => SslMode.Require,
        "FALSE" or "0" or "NO" or "DISABLE" => SslMode.Disable,
        _ => throw new InvalidOperationException(
            $"DB_SSL must be true or false (or require / disable); it is '{value}'."),
    };

    private static DatabaseTarget PostgreSql(NpgsqlConnectionStringBuilder builder, string settings)
    {
        var description =
            $"PostgreSQL database '{builder.Database}' on {builder.Host}:{builder.Port} as {builder.Username}";
        return new DatabaseTarget(DatabaseProvider.PostgreSql, builder.ConnectionString, description, settings);
    }

    private static DatabaseTarget Sqlite(SqliteConnectionStringBuilder builder, string settings)
    {
        return new DatabaseTarget(
            DatabaseProvider.Sqlite,
            builder.ConnectionString,
            $"SQLite file {builder.DataSource}",
            settings);
    }
}
