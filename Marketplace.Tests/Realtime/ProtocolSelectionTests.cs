using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Marketplace.Tests.Infrastructure;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marketplace.Tests.Realtime;

/// <summary>
/// The legacy protocol is the shim's alone: a SignalR client that asks for it over HTTP is refused.
/// </summary>
public sealed class ProtocolSelectionTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    [Fact]
    public async Task A_signalr_client_cannot_choose_the_legacy_protocol()
    {
        await using var impostor = CreateImpostorConnection(fixture.Server.HubAddress);

        var refusal = await Assert.ThrowsAnyAsync<Exception>(
            () => impostor.StartAsync().WaitAsync(TestTimeouts.Default));

        const string expected = "'marketplace-legacy' protocol on the current transport";
        Assert.Contains(expected, refusal.Message, StringComparison.Ordinal);
    }

    private static HubConnection CreateImpostorConnection(Uri address)
    {
        var builder = new HubConnectionBuilder().WithUrl(address);
        builder.Services.AddSingleton<IHubProtocol>(new Impostor());
        return builder.Build();
    }

    // JSON under the legacy protocol's name: enough to ask for it at the handshake.
    private sealed class Impostor : IHubProtocol
    {
        private readonly JsonHubProtocol _json = new(Options.Create(new JsonHubProtocolOptions()));

        public string Name => "marketplace-legacy";

        public int Version => 1;

        public TransferFormat TransferFormat => TransferFormat.Text;

        public bool IsVersionSupported(int version) => true;

        public bool TryParseMessage(
            ref ReadOnlySequence<byte> input,
            IInvocationBinder binder,
            [NotNullWhen(true)] out HubMessage? message) => _json.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) =>
            _json.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _json.GetMessageBytes(message);
    }
}
