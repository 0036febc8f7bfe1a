using System.Reflection;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Binds Kestrel's own settings (its <c>Limits</c>: keep-alive timeout, connection counts, header sizes) from the
/// <c>Kestrel</c> section, which Kestrel reads only its endpoints from.
/// </summary>
/// <remarks>
/// Kestrel's options are made while the host is built, before the start-up checks run: a value Kestrel refuses is
/// kept in <see cref="Problem"/> for those checks to report in one line, instead of ending the process with a
/// stack trace.
/// </remarks>
/// <param name="configuration">The server's configuration.</param>
internal sealed class KestrelSettingsSetup(IConfiguration configuration) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Kestrel";

    /// <summary>Gets what is wrong with the section, naming the setting where it can; null when nothing is.</summary>
    public string? Problem { get; private set; }

    /// <inheritdoc />
    public void Configure(KestrelServerOptions options)
    {
        var section = configuration.GetSection(Section);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException exception)
        {
            // A value that does not convert: the binder's message names the setting and the value.
            Problem = exception.Message;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is ArgumentException refusal)
        {
            Problem = DescribeRefusal(section, refusal);
        }
    }

    // Kestrel's own property refused the value, and the binder does not say which property that was: each setting
    // is tried alone on a scratch copy until the one refused is found.
    private static string DescribeRefusal(IConfigurationSection section, ArgumentException refusal)
    {
        var reason = refusal.ParamName is null
            ? refusal.Message
            : refusal.Message.Replace($" (Parameter '{refusal.ParamName}')", string.Empty, StringComparison.Ordinal);

        foreach (var (key, value) in section.AsEnumerable())
        {
            if (value is null)
            {
                continue;
            }

            var alone = new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build();
            try
            {
                alone.GetSection(Section).Bind(new KestrelServerOptions());
            }
            catch (TargetInvocationException)
            {
                return $"{key} '{value}' is refused by Kestrel: {reason}";
            }
            catch (InvalidOperationException)
            {
                // A setting that only makes sense with others (a data rate's two halves) cannot be tried alone.
            }
        }

        return $"{Section}: {reason}";
    }
}
