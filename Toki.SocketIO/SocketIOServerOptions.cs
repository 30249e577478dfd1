using System.Text.Encodings.Web;
using System.Text.Json;
using Toki.EngineIO;

namespace Toki.SocketIO;

public sealed class SocketIOServerOptions
{
    /// <summary>The Engine.IO settings underneath (ping, payload limit, CORS, transports).</summary>
    public EngineIOOptions Engine { get; set; } = new();

    /// <summary>A connection that has not joined any namespace within this time is closed.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Null turns connection state recovery off (the reference default).</summary>
    public ConnectionStateRecoveryOptions? ConnectionStateRecovery { get; set; }

    /// <summary>How emitted objects are serialized and how received arguments are deserialized.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Creates the adapter of each namespace; the in-memory adapter by default.</summary>
    public Func<SocketIONamespace, SocketIOAdapter>? AdapterFactory { get; set; }

    /// <summary>Creates the <c>Toki.SocketIO</c> meter (the host's, so that its exporter sees it); null: a meter of its own.</summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>The most binary attachments one packet may announce.</summary>
    public int MaxAttachments { get; set; } = Protocol.SocketIOPacketDecoder.DefaultMaxAttachments;
}
