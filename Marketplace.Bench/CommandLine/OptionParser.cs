namespace Marketplace.Bench.CommandLine;

/// <summary>
/// Splits a command line into options against a list of the ones allowed: <c>--name value</c>,
/// <c>--name=value</c> and flags; anything else is a <see cref="UsageException"/>.
/// </summary>
internal static class OptionParser
{
    /// <summary>Parses <paramref name="arguments"/>, all of them options.</summary>
    /// <param name="arguments">The arguments after the scenario's name.</param>
    /// <param name="specs">The options allowed.</param>
    /// <param name="scope">What the options belong to, such as a scenario's name, for the error messages.</param>
    public static ParsedOptions Parse(IReadOnlyList<string> arguments, IEnumerable<OptionSpec> specs, string scope)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(specs);

        var known = specs.ToDictionary(spec => spec.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        for (var index = 0; index < arguments.Count; index++)
        {
            var (name, inlineValue) = Split(arguments[index], scope);
            if (!known.TryGetValue(name, out var spec))
            {
                throw new UsageException($"{scope} has no option '{name}'; '{scope} --help' lists its options.");
            }

            var value = spec.IsFlag
                ? FlagValue(spec, inlineValue)
                : inlineValue ?? NextValue(arguments, ref index, spec);
            if (!values.TryGetValue(name, out var list))
            {
                values[name] = list = [];
            }
            else if (!spec.Repeatable)
            {
                throw new UsageException($"{name} is given more than once; give it once.");
            }

            list.Add(value);
        }

        return new ParsedOptions(values.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<string>)pair.Value,
            StringComparer.Ordinal));
    }

    private static (string Name, string? InlineValue) Split(string argument, string scope)
    {
        if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
        {
            throw new UsageException(
                $"Unexpected argument '{argument}': {scope} takes only options; '{scope} --help' lists them.");
        }

        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (argument, null) : (argument[..equals], argument[(equals + 1)..]);
    }

    private static string FlagValue(OptionSpec spec, string? inlineValue)
    {
        return inlineValue is null
            ? string.Empty
            : throw new UsageException($"{spec.Name} is a flag and takes no value; got '{inlineValue}'.");
    }

    private static string NextValue(IReadOnlyList<string> arguments, ref int index, OptionSpec spec)
    {
        // A value never starts with two dashes here, so "--rate --duration 5" is a forgotten value, not "--duration".
        if (index + 1 >= arguments.Count || arguments[index + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new UsageException($"{spec.Name} needs a value: {spec.Name} {spec.ValueName}.");
        }

        index++;
        return arguments[index];
    }
}
