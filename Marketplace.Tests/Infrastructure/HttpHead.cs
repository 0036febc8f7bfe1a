using System.Net.Sockets;
using System.Text;

namespace Marketplace.Tests.Infrastructure;

/// <summary>Reads an HTTP response head off a raw connection, for tests that write requests themselves.</summary>
public static class HttpHead
{
    /// <summary>
    /// Reads up to and including the blank line that ends the head, byte by byte, so that nothing after it (a
    /// body, or the WebSocket an upgrade starts) is taken from the stream.
    /// </summary>
    public static async Task<string> ReadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(one).AsTask().WaitAsync(TestTimeouts.Default);
            Assert.Equal(1, read);
            head.Append((char)one[0]);
        }

        return head.ToString();
    }
}
