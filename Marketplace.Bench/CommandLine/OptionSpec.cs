namespace Marketplace.Bench.CommandLine;

/// <summary>One option the command line accepts, as the parser checks it and the help text lists it.</summary>
/// <param name="Name">The option with its dashes, such as <c>--rate</c>.</param>
/// <param name="ValueName">
/// What the value is, shown in the help (<c>N</c>, <c>FILE</c>); null for a flag that takes no value.
/// </param>
/// <param name="Description">One sentence for the help text, with the default.</param>
/// <param name="Repeatable">Whether the option may be given more than once.</param>
internal sealed record OptionSpec(string Name, string? ValueName, string Description, bool Repeatable = false)
{
    /// <summary>Gets whether the option is a flag, present or absent, with no value.</summary>
    public bool IsFlag => ValueName is null;
}
