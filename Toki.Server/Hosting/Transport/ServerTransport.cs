namespace Toki.Server.Hosting.Transport;

/// <summary>Which socket transport Kestrel accepts connections with (setting <c>Server:Transport</c>).</summary>
public enum ServerTransport
{
    /// <summary>Toki's lean socket transport (<see cref="TokiSocketTransportFactory"/>): no pipes or buffers held while a connection is idle.</summary>
    Toki,

    /// <summary>Kestrel's own socket transport.</summary>
    Kestrel,
}
