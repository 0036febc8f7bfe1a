using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Adds the predecessor's <c>.env</c> file to configuration.
/// </summary>
internal static class DotEnvConfigurationExtensions
{
    /// <summary>
    /// Reads <paramref name="path"/> just below the environment variables, so a real variable still wins over the
    /// file, as with the predecessor's dotenv.
    /// </summary>
    public static IConfigurationManager AddDotEnvFile(this IConfigurationManager configuration, string path)
    {
        var sources = configuration.Sources;
        var environment = sources.OfType<EnvironmentVariablesConfigurationSource>().FirstOrDefault();
        var position = environment is null ? sources.Count : sources.IndexOf(environment);

        sources.Insert(position, new DotEnvConfigurationSource(path));
        return configuration;
    }
}
