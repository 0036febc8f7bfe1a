using Marketplace.Data.Configuration;
using Marketplace.Hubs.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Marketplace.Tests.Hosting;

/// <summary>
/// Which database the settings choose: the ASP.NET connection string, the predecessor's DB_* variables, or the
/// embedded SQLite file.
/// </summary>
public sealed class DatabaseTargetResolverTests
{
    [Fact]
    public void Without_settings_the_embedded_sqlite_file_in_the_working_directory_is_used()
    {
        var target = Resolve();

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.True(target.IsEmbeddedDefault);
        Assert.Equal("SQLite file /srv/app/marketplace.db", target.Description);
    }

    [Fact]
    public void The_legacy_variables_build_a_postgresql_connection_without_showing_the_password()
    {
        var target = Resolve(
            ("DB_HOST", "db.internal"), ("DB_PORT", "6543"), ("DB_USER", "app"), ("DB_PASS", "s3cret"),
            ("DB_NAME", "tienda"), ("DB_SSL", "true"));

        var connection = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal(DatabaseProvider.PostgreSql, target.Provider);
        Assert.Equal(("db.internal", 6543, "app", "s3cret", "tienda", SslMode.Require),
            (connection.Host, connection.Port, connection.Username, connection.Password, connection.Database,
                connection.SslMode));
        Assert.Equal("PostgreSQL database 'tienda' on db.internal:6543 as app", target.Description);
        Assert.DoesNotContain("s3cret", target.ToString(), StringComparison.Ordinal);
        Assert.Contains("DB_PASS", target.Settings, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SslMode.Prefer)]
    [InlineData("false", SslMode.Disable)]
    [InlineData("0", SslMode.Disable)]
    [InlineData("require", SslMode.Require)]
    [InlineData("1", SslMode.Require)]
    public void Db_ssl_chooses_the_ssl_mode(string? value, SslMode expected)
    {
        var target = Resolve(("DB_HOST", "h"), ("DB_SSL", value));

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(target.ConnectionString).SslMode);
    }

    [Theory]
    [InlineData("DB_SSL", "maybe")]
    [InlineData("DB_PORT", "five")]
    public void An_unusable_legacy_variable_is_named(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(("DB_HOST", "h"), (key, value)));

        Assert.StartsWith(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_takes_precedence_over_the_legacy_variables()
    {
        var target = Resolve(
            ("ConnectionStrings:Marketplace", "Host=primary;Database=shop;Username=u;Password=p"),
            ("DB_HOST", "ignored"));

        Assert.Equal("PostgreSQL database 'shop' on primary:5432 as u", target.Description);
        Assert.Equal("ConnectionStrings:Marketplace", target.Settings);
    }

    [Fact]
    public void A_connection_string_can_name_a_sqlite_file()
    {
        var target = Resolve(
            ("ConnectionStrings:Marketplace", "Data Source=/data/m.db"),
            ("Database:Provider", "Sqlite"));

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.False(target.IsEmbeddedDefault);
        Assert.Equal("SQLite file /data/m.db", target.Description);
    }

    private static DatabaseTarget Resolve(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)))
            .Build();

        return DatabaseTargetResolver.Resolve(configuration, "/srv/app");
    }
}
