using System.Globalization;

namespace Marketplace.Bench.CommandLine;

/// <summary>
/// The options found on a command line, read as typed values; every reader checks its range and throws a
/// <see cref="UsageException"/> that names the option, so a bad value stops the bench before anything starts.
/// </summary>
internal sealed class ParsedOptions
{
    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _values;

    /// <summary>Creates the view over each option's values, in order; a flag has one empty value.</summary>
    public ParsedOptions(IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        _values = values;
    }

    /// <summary>Gets whether <paramref name="name"/> was given.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>Gets the value of <paramref name="name"/>, or null when it was not given.</summary>
    public string? Text(string name) => _values.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>Gets every value of a repeatable option, in order; empty when it was not given.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var values) ? values : [];

    /// <summary>Reads a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public int Integer(string name, int defaultValue, int minimum, int maximum)
    {
        var text = Text(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < minimum || value > maximum)
        {
            throw new UsageException($"{name} must be a whole number from {minimum} to {maximum}; got '{text}'.");
        }

        return value;
    }

    /// <summary>
    /// Reads a number, with a dot for decimals, from <paramref name="minimum"/> to <paramref name="maximum"/>.
    /// </summary>
    public double Number(string name, double defaultValue, double minimum, double maximum)
    {
        var text = Text(name);
        if (text is null)
        {
            return defaultValue;
        }

        // The negated range test also refuses NaN, which compares false with everything.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || !(value >= minimum && value <= maximum))
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{name} must be a number from {minimum} to {maximum}; got '{text}'."));
        }

        return value;
    }

    /// <summary>Reads a duration given in seconds, such as <c>20</c> or <c>0.5</c>.</summary>
    public TimeSpan Seconds(string name, TimeSpan defaultValue, double minimumSeconds, double maximumSeconds)
    {
        return Has(name)
            ? TimeSpan.FromSeconds(Number(name, defaultValue.TotalSeconds, minimumSeconds, maximumSeconds))
            : defaultValue;
    }
}
