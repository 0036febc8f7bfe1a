using System.Reflection;

namespace Marketplace.Bench.Internal;

/// <summary>
/// Facts about the source tree this bench was built from, recorded in the assembly at build time: where the
/// repository is and which configuration was built, so the bench runs the server built beside it.
/// </summary>
internal static class BuildInfo
{
    /// <summary>Gets the repository's root folder, the one that holds <c>Marketplace.sln</c>.</summary>
    public static string RepositoryDirectory { get; } = Metadata("RepositoryDirectory");

    /// <summary>Gets the configuration the bench was built in: <c>Release</c> or <c>Debug</c>.</summary>
    public static string Configuration { get; } = Metadata("BuildConfiguration");

    /// <summary>Gets the target framework, the folder under the configuration where builds land.</summary>
    public static string TargetFramework { get; } = Metadata("TargetFramework");

    private static string Metadata(string key)
    {
        return typeof(BuildInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value
            ?? throw new InvalidOperationException($"The bench was built without the {key} metadata.");
    }
}
