using System.ComponentModel.DataAnnotations;

namespace Marketplace.Hubs.Hosting;

/// <summary>
/// Where the server listens, bound from the <c>Server</c> section (<c>Server__Port=9000</c> in the environment).
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Server";

    /// <summary>
    /// Gets or sets the address to listen on. Default <c>*</c>: every address, IPv4 and IPv6, so both
    /// <c>localhost</c> and other machines reach the server.
    /// </summary>
    [Required]
    public string Host { get; set; } = "*";

    /// <summary>Gets or sets the TCP port. Default 8000, the predecessor's; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8000;

    /// <summary>Gets the URL Kestrel binds.</summary>
    public string Url => $"http://{Host}:{Port}";
}
