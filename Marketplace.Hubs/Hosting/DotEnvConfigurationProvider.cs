namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Loads a <c>.env</c> file: <c>KEY=value</c> per line, <c>#</c> comments, optional <c>export</c> and quotes.
/// Keys keep their names (<c>DB_HOST</c>); a double underscore nests like an environment variable.
/// </summary>
internal sealed class DotEnvConfigurationProvider(string path) : ConfigurationProvider
{
    /// <inheritdoc />
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (TryParse(line, out var key, out var value))
                {
                    data[key.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal)] = value;
                }
            }
        }

        Data = data;
    }

    /// <summary>Parses one line; false for blank lines, comments and lines without <c>=</c>.</summary>
    internal static bool TryParse(string line, out string key, out string value)
    {
        key = value = string.Empty;
        var text = line.Trim();

        if (text.Length == 0 || text[0] == '#')
        {
            return false;
        }

        if (text.StartsWith("export ", StringComparison.Ordinal))
        {
            text = text["export ".Length..].TrimStart();
        }

        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            return false;
        }

        key = text[..equals].Trim();
        value = Unquote(text[(equals + 1)..].Trim());
        return true;
    }

    private static string Unquote(string value)
    {
        if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0])
        {
            return value[1..^1];
        }

        // An unquoted value ends where a comment starts.
        var comment = value.IndexOf(" #", StringComparison.Ordinal);
        return comment < 0 ? value : value[..comment].TrimEnd();
    }
}
