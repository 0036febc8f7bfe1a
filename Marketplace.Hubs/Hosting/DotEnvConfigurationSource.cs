namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Reads a <c>.env</c> file of <c>KEY=value</c> lines, as the predecessor did, into configuration.
/// </summary>
/// <param name="path">The file; a missing file adds nothing.</param>
internal sealed class DotEnvConfigurationSource(string path) : IConfigurationSource
{
    /// <inheritdoc />
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new DotEnvConfigurationProvider(path);
}
