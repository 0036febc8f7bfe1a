using System.Text;
using Marketplace.Bench.Agents;
using Marketplace.Bench.Scenarios;

namespace Marketplace.Bench.CommandLine;

/// <summary>
/// Reads the bench's command line: <c>&lt;scenario&gt; [options]</c>, where the options are those every
/// scenario shares plus the scenario's own, or <c>--help</c> at either place.
/// </summary>
internal static class BenchCommandLine
{
    /// <summary>How the bench is started, as the help shows it.</summary>
    public const string Invocation = "dotnet run -c Release --project Marketplace.Bench --";

    private const string OptionIndent = "      ";

    private static readonly string[] HelpFlags = ["--help", "-h", "-?"];

    /// <summary>Reads <paramref name="arguments"/> against <paramref name="scenarios"/>.</summary>
    /// <exception cref="UsageException">The command line names no known scenario or has a bad option.</exception>
    public static BenchCommand Parse(IReadOnlyList<string> arguments, IReadOnlyList<ScenarioDefinition> scenarios)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(scenarios);

        if (arguments.Count == 0)
        {
            throw new UsageException($"Name a scenario: {Names(scenarios)}.");
        }

        if (HelpFlags.Contains(arguments[0]))
        {
            return new HelpCommand(GeneralHelp(scenarios));
        }

        if (arguments[0] == AgentOptions.Command)
        {
            var agent = OptionParser.Parse([.. arguments.Skip(1)], AgentOptions.Specs, AgentOptions.Command);
            return new AgentCommand(AgentOptions.Bind(agent));
        }

        var scenario = scenarios.FirstOrDefault(definition => definition.Name == arguments[0])
            ?? throw new UsageException(
                $"There is no scenario '{arguments[0]}'; the scenarios are {Names(scenarios)}.");
        var options = arguments.Skip(1).ToList();
        if (options.Any(HelpFlags.Contains))
        {
            return new HelpCommand(ScenarioHelp(scenario));
        }

        var parsed = OptionParser.Parse(options, [.. CommonOptions.Specs, .. scenario.Options], scenario.Name);
        var common = CommonOptions.Bind(parsed);
        return new RunCommand(scenario.Create(parsed, common), common);
    }

    /// <summary>Gets the help that lists the scenarios and the shared options.</summary>
    public static string GeneralHelp(IReadOnlyList<ScenarioDefinition> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);

        var help = new StringBuilder()
            .AppendLine("Marketplace.Bench measures the realtime server and prints a table and JSON.")
            .AppendLine()
            .AppendLine($"Usage: {Invocation} <scenario> [options]")
            .AppendLine($"       {Invocation} <scenario> --help")
            .AppendLine()
            .AppendLine("Scenarios:");
        foreach (var scenario in scenarios)
        {
            help.AppendLine($"  {scenario.Name}");
            AppendWrapped(help, scenario.Summary, OptionIndent);
        }

        help.AppendLine().AppendLine("Options of every scenario:");
        AppendOptions(help, CommonOptions.Specs);
        return help.ToString();
    }

    /// <summary>Gets the help of one scenario: its summary, its own options and the shared ones.</summary>
    public static string ScenarioHelp(ScenarioDefinition scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        var help = new StringBuilder();
        AppendWrapped(help, $"{scenario.Name}: {scenario.Summary}", indent: string.Empty);
        help.AppendLine()
            .AppendLine($"Usage: {Invocation} {scenario.Name} [options]")
            .AppendLine()
            .AppendLine($"Options of {scenario.Name}:");
        AppendOptions(help, scenario.Options);
        help.AppendLine().AppendLine("Options of every scenario:");
        AppendOptions(help, CommonOptions.Specs);
        return help.ToString();
    }

    private static string Names(IEnumerable<ScenarioDefinition> scenarios) =>
        string.Join(", ", scenarios.Select(scenario => scenario.Name));

    private static void AppendOptions(StringBuilder help, IEnumerable<OptionSpec> specs)
    {
        foreach (var spec in specs)
        {
            help.AppendLine(spec.IsFlag ? $"  {spec.Name}" : $"  {spec.Name} {spec.ValueName}");
            AppendWrapped(help, spec.Description, OptionIndent);
        }
    }

    private static void AppendWrapped(StringBuilder help, string text, string indent)
    {
        // Short enough for an 80-column terminal.
        const int width = 78;

        var line = new StringBuilder(indent);
        foreach (var word in text.Split(' '))
        {
            if (line.Length > indent.Length && line.Length + 1 + word.Length > width)
            {
                help.AppendLine(line.ToString());
                line.Clear().Append(indent);
            }

            line.Append(line.Length > indent.Length ? " " : string.Empty).Append(word);
        }

        help.AppendLine(line.ToString());
    }
}
