using System.Text.Json;
using Toki.EngineIO;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>What a socket's client sent to connect: the CONNECT packet's auth object and the HTTP handshake.</summary>
public sealed class SocketIOHandshake
{
    private static readonly byte[] EmptyAuth = "{}"u8.ToArray();

    // The auth object's JSON as received: a socket lives for hours with it, and it is rarely read after the connect
    // middlewares, so it is kept as bytes rather than as a parsed document.
    private readonly byte[] _auth;

    internal SocketIOHandshake(byte[]? auth, EngineHandshake engine)
    {
        _auth = auth ?? EmptyAuth;
        Engine = engine;
    }

    /// <summary>The CONNECT payload, an object (empty when the client sent none); parsed anew on each call.</summary>
    public JsonElement Auth => JsonElement.Parse(_auth);

    public EngineHandshake Engine { get; }

    public string? GetQuery(string name) => Engine.GetQuery(name);

    public string? GetHeader(string name) => Engine.GetHeader(name);

    /// <summary>
    /// A string property of the auth object (the last one, if it is given more than once), or null. An auth object
    /// whose names or that value are not well-formed text (a lone UTF-16 surrogate escape) counts as not having it.
    /// </summary>
    public string? GetAuthString(string property)
    {
        var reader = new Utf8JsonReader(_auth);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }
        string? found = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var matches = reader.ValueTextEquals(property);
                reader.Read();
                if (matches)
                {
                    // A string that is not well-formed text (a lone surrogate) counts as absent rather than throwing.
                    found = reader.TokenType == JsonTokenType.String && JsonStringText.IsWellFormed(reader.ValueSpan) ? reader.GetString() : null;
                }
                reader.Skip();
            }
        }
        catch (InvalidOperationException)
        {
            // Thrown by ValueTextEquals and GetString for text .NET cannot decode.
            return null;
        }
        return found;
    }
}
