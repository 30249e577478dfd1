namespace Toki.SocketIO;

/// <summary>An argument that is already UTF-8 JSON; it is written to the wire verbatim.</summary>
public sealed class SocketIORawJson
{
    public SocketIORawJson(ReadOnlyMemory<byte> utf8Json)
    {
        Utf8Json = utf8Json;
    }

    public ReadOnlyMemory<byte> Utf8Json { get; }

    public static SocketIORawJson FromString(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}
