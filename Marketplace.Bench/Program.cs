using Marketplace.Bench.Agents;
using Marketplace.Bench.CommandLine;
using Marketplace.Bench.Scenarios;

namespace Marketplace.Bench;

/// <summary>The bench's entry point: reads the command line and runs what it asks for.</summary>
internal static class Program
{
    /// <summary>Exit code of a command line the bench cannot run.</summary>
    public const int UsageExitCode = 2;

    private static async Task<int> Main(string[] args)
    {
        BenchCommand command;
        try
        {
            command = BenchCommandLine.Parse(args, ScenarioCatalog.All);
        }
        catch (UsageException exception)
        {
            await Console.Error.WriteLineAsync(exception.Message);
            await Console.Error.WriteLineAsync($"'{BenchCommandLine.Invocation} --help' shows the usage.");
            return UsageExitCode;
        }

        switch (command)
        {
            case HelpCommand help:
                await Console.Out.WriteAsync(help.Text);
                return 0;
            case AgentCommand agent:
                return await SubscriberAgent.RunAsync(agent.Options, Console.In, Console.Out);
            case RunCommand run:
                return await BenchRun.ExecuteAsync(run, Console.Out, Console.Error);
            default:
                throw new InvalidOperationException($"No handler for {command.GetType().Name}.");
        }
    }
}
