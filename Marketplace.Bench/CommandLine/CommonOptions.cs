using Npgsql;

namespace Marketplace.Bench.CommandLine;

/// <summary>
/// The options every scenario shares: where the report goes, the kernel floor, and which server and database
/// the run targets.
/// </summary>
internal sealed record CommonOptions
{
    /// <summary>Gets the options, as the parser checks them and the help lists them.</summary>
    public static IReadOnlyList<OptionSpec> Specs { get; } =
    [
        new("--json", "FILE", "Also write the JSON report to FILE (it is printed either way)."),
        new("--kernel-floor", "PATH", "The kernel-floor program to run beside the scenario. Default: compile " +
            "shared/tools/kernel-floor.c with gcc -O2 when both are found."),
        new("--no-kernel-floor", null, "Do not measure the kernel floor."),
        new("--server-dll", "FILE", "The server to start. Default: Marketplace.Hubs.dll of the bench's own " +
            "build configuration in this repository."),
        new("--server-env", "KEY=VALUE", "A setting for the server the bench starts, such as " +
            "ChangeFeed__Mode=Poll; repeatable.", Repeatable: true),
        new("--server-url", "URL", "Target a running server (http://host:port or ws://host:port/ws) instead of " +
            "starting one."),
        new("--server-pid", "PID", "The process id of the --server-url server, to measure its CPU time and memory " +
            "and to force a GC in it before a memory reading."),
        new("--postgres", "CONNECTION", "A PostgreSQL superuser connection string; the bench creates and drops " +
            "a database of its own there. Default: a throwaway cluster in a temporary folder."),
        new("--postgres-db", "CONNECTION", "The connection string of an existing database to use as it is; " +
            "with --server-url, the database that server uses. Rows written stay there."),
    ];

    /// <summary>Gets the file to write the JSON report to, if any.</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the kernel-floor program given on the command line, if any.</summary>
    public string? KernelFloorPath { get; init; }

    /// <summary>Gets whether the kernel floor is left out of the run.</summary>
    public bool SkipKernelFloor { get; init; }

    /// <summary>Gets the server assembly to start instead of the one built beside the bench.</summary>
    public string? ServerDll { get; init; }

    /// <summary>Gets the extra settings for a server the bench starts, in command-line order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerEnvironment { get; init; } = [];

    /// <summary>Gets the running server to target; null when the bench starts its own.</summary>
    public Uri? ServerUrl { get; init; }

    /// <summary>Gets the process id of the <see cref="ServerUrl"/> server, when given.</summary>
    public int? ServerProcessId { get; init; }

    /// <summary>Gets the superuser connection string to create a database with, if given.</summary>
    public string? PostgresAdmin { get; init; }

    /// <summary>Gets the connection string of an existing database to use as it is, if given.</summary>
    public string? PostgresDatabase { get; init; }

    /// <summary>Reads and checks the shared options, each against the others.</summary>
    /// <exception cref="UsageException">An option is malformed or contradicts another.</exception>
    public static CommonOptions Bind(ParsedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var common = new CommonOptions
        {
            JsonPath = JsonFile(options.Text("--json")),
            KernelFloorPath = ExistingFile("--kernel-floor", options.Text("--kernel-floor")),
            SkipKernelFloor = options.Has("--no-kernel-floor"),
            ServerDll = ExistingFile("--server-dll", options.Text("--server-dll")),
            ServerEnvironment = options.All("--server-env").Select(ServerSetting).ToList(),
            ServerUrl = ServerUrlOption(options.Text("--server-url")),
            ServerProcessId = options.Has("--server-pid") ? options.Integer("--server-pid", 0, 1, int.MaxValue) : null,
            PostgresAdmin = ConnectionString("--postgres", options.Text("--postgres")),
            PostgresDatabase = ConnectionString("--postgres-db", options.Text("--postgres-db")),
        };

        common.CheckCombinations();
        return common;
    }

    private void CheckCombinations()
    {
        if (KernelFloorPath is not null && SkipKernelFloor)
        {
            throw new UsageException("--kernel-floor and --no-kernel-floor contradict each other; give one.");
        }

        if (PostgresAdmin is not null && PostgresDatabase is not null)
        {
            throw new UsageException(
                "--postgres and --postgres-db contradict each other: the first makes a new database, the second " +
                "names one to use. Give one.");
        }

        if (ServerUrl is null)
        {
            if (ServerProcessId is not null)
            {
                throw new UsageException(
                    "--server-pid goes with --server-url; a server the bench starts is measured without it.");
            }

            return;
        }

        if (ServerDll is not null || ServerEnvironment.Count > 0)
        {
            throw new UsageException(
                "--server-dll and --server-env configure a server the bench starts; with --server-url it starts " +
                "none. Configure the running server itself instead.");
        }

        if (PostgresAdmin is not null)
        {
            throw new UsageException(
                "--postgres makes a new database, which a running server (--server-url) would not use. Give the " +
                "database that server uses with --postgres-db.");
        }
    }

    private static string? JsonFile(string? path)
    {
        if (path is null)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return Directory.Exists(folder)
            ? path
            : throw new UsageException($"--json {path}: the folder {folder} does not exist.");
    }

    // The full path, since the server the bench starts runs in a folder of its own.
    private static string? ExistingFile(string name, string? path)
    {
        if (path is null)
        {
            return null;
        }

        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new UsageException($"{name} {path}: no such file.");
    }

    private static KeyValuePair<string, string> ServerSetting(string text)
    {
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? new(text[..equals], text[(equals + 1)..])
            : throw new UsageException(
                $"--server-env takes KEY=VALUE, such as ChangeFeed__Mode=Poll; got '{text}'.");
    }

    private static Uri? ServerUrlOption(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" or "ws" or "wss"
            ? url
            : throw new UsageException(
                "--server-url takes an address such as http://127.0.0.1:8000 or ws://127.0.0.1:8000/ws; " +
                $"got '{text}'.");
    }

    private static string? ConnectionString(string name, string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
            return text;
        }
        catch (ArgumentException exception)
        {
            // The builder's messages name the keyword, never a value, so no password is printed.
            throw new UsageException($"{name} is not an Npgsql connection string: {exception.Message}", exception);
        }
    }
}
