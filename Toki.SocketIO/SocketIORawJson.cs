namespace Toki.SocketIO;

/// <summary>
/// An argument that is already UTF-8 JSON; it is written to the wire verbatim. With <see cref="Attachments"/>, the
/// JSON's binary placeholders number them from 0 (as in a packet of its own); emitting renumbers them after the
/// attachments of the arguments before it, so the receiver rebuilds the binary values.
/// </summary>
public sealed class SocketIORawJson
{
    private static readonly ReadOnlyMemory<byte>[] NoAttachments = [];

    public SocketIORawJson(ReadOnlyMemory<byte> utf8Json)
        : this(utf8Json, NoAttachments)
    {
    }

    public SocketIORawJson(ReadOnlyMemory<byte> utf8Json, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        Utf8Json = utf8Json;
        Attachments = attachments;
    }

    public ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>The binary values the JSON's placeholders stand for, in placeholder order.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    public static SocketIORawJson FromString(string json) => new(System.Text.Encoding.UTF8.GetBytes(json));
}
