namespace Marketplace.Data.ChangeFeed;

/// <summary>
/// The names under which the change log appears in the database, for operators and tests.
/// </summary>
public static class ChangeLogNames
{
    /// <summary>The change log table.</summary>
    public const string Table = "producto_cambio";

    /// <summary>The PostgreSQL notification channel the triggers signal.</summary>
    public const string NotifyChannel = "producto_cambio";

    /// <summary>The PostgreSQL <c>application_name</c> of the change feed's own connection.</summary>
    public const string ApplicationName = "marketplace-change-feed";
}
