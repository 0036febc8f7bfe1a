using System.Text.RegularExpressions;

namespace Marketplace.Hubs.Permissions;

/// <summary>
/// A channel name or a pattern with <c>*</c> wildcards, and the owner the first wildcard names.
/// </summary>
internal sealed class ChannelPattern
{
    private readonly string _text;
    private readonly Regex? _regex;

    /// <summary>Initializes a new instance of the <see cref="ChannelPattern"/> class.</summary>
    public ChannelPattern(string text)
    {
        _text = text;
        if (text.Contains('*', StringComparison.Ordinal))
        {
            var body = string.Join("(.+?)", text.Split('*').Select(Regex.Escape));
            // Linear-time matching: no channel name can make it slow, and no timeout can fail it under load.
            _regex = new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
        }
    }

    /// <summary>
    /// Returns true when <paramref name="channel"/> matches; <paramref name="owner"/> is the first wildcard's text.
    /// </summary>
    public bool Matches(string channel, out string? owner)
    {
        owner = null;
        if (_regex is null)
        {
            return string.Equals(_text, channel, StringComparison.Ordinal);
        }

        var match = _regex.Match(channel);
        if (!match.Success)
        {
            return false;
        }

        owner = match.Groups[1].Value;
        return true;
    }
}
