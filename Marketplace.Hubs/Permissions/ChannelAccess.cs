namespace Marketplace.Hubs.Permissions;

/// <summary>
/// Who may subscribe and who may publish to the channels a name or pattern matches; one entry of
/// <c>Permissions:Channels</c>.
/// </summary>
public sealed class ChannelAccess
{
    /// <summary>
    /// Gets or sets the channel name, or a pattern where <c>*</c> stands for one or more characters; the text
    /// the first <c>*</c> stands for names the channel's owner (<c>user:*</c> belongs to the user of that id).
    /// </summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>Gets or sets who may subscribe: an access rule (see <see cref="AccessRule"/>).</summary>
    public string Subscribe { get; set; } = "authenticated";

    /// <summary>Gets or sets who may publish with <c>notify</c>: an access rule.</summary>
    public string Publish { get; set; } = "nobody";
}
