using System.Text.Json;
using Toki.EngineIO;

namespace Toki.SocketIO;

/// <summary>What a socket's client sent to connect: the CONNECT packet's auth object and the HTTP handshake.</summary>
public sealed class SocketIOHandshake
{
    internal SocketIOHandshake(JsonElement auth, EngineHandshake engine)
    {
        Auth = auth;
        Engine = engine;
    }

    /// <summary>The CONNECT payload, an object (empty when the client sent none).</summary>
    public JsonElement Auth { get; }

    public EngineHandshake Engine { get; }

    public string? GetQuery(string name) => Engine.GetQuery(name);

    public string? GetHeader(string name) => Engine.GetHeader(name);

    public string? GetAuthString(string property) =>
        Auth.ValueKind == JsonValueKind.Object && Auth.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
