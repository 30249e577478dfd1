using System.Runtime.InteropServices;
using System.Text.Json;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// The arguments of a received event or acknowledgement, backed by pooled JSON memory. Valid until disposed
/// (for event handlers: until the handler's task completes); clone an element to keep it longer.
/// </summary>
public sealed class SocketIOArgs : IDisposable
{
    private static readonly byte[][] NoAttachments = [];
    private readonly JsonDocument? _document;
    private readonly int _first;
    private bool _disposed;

    internal SocketIOArgs(JsonDocument? document, int first, IReadOnlyList<byte[]>? attachments, int payloadLength, JsonSerializerOptions options)
    {
        _document = document;
        _first = first;
        Attachments = attachments ?? NoAttachments;
        PayloadLength = payloadLength;
        Options = options;
    }

    public static SocketIOArgs Empty { get; } = new(null, 0, null, 0, JsonSerializerOptions.Default);

    /// <summary>How many arguments there are (the event name is not one).</summary>
    public int Count => _document is null ? 0 : Root.GetArrayLength() - _first;

    /// <summary>The binary attachments in placeholder order.</summary>
    public IReadOnlyList<byte[]> Attachments { get; }

    /// <summary>Size of the packet's JSON as received, in bytes, attachments excluded.</summary>
    public int PayloadLength { get; }

    internal JsonSerializerOptions Options { get; }

    private JsonElement Root
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _document!.RootElement;
        }
    }

    public JsonElement this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The packet has {Count} argument(s).");
            }
            return Root[index + _first];
        }
    }

    /// <summary>Deserializes an argument; placeholders nested inside it read as their attachment bytes.</summary>
    public T? Get<T>(int index)
    {
        var element = this[index];
        var previous = BinaryPlaceholder.Reading;
        BinaryPlaceholder.Reading = Attachments;
        try
        {
            return element.Deserialize<T>(Options);
        }
        finally
        {
            BinaryPlaceholder.Reading = previous;
        }
    }

    /// <summary>The attachment an argument stands for, or null when that argument is not a binary placeholder.</summary>
    public byte[]? GetBinary(int index) => BinaryPlaceholder.Resolve(this[index], Attachments);

    /// <summary>The argument exactly as it arrived (UTF-8 JSON).</summary>
    public ReadOnlySpan<byte> GetRawJson(int index) => JsonMarshal.GetRawUtf8Value(this[index]);

    internal void WriteTo(Utf8JsonWriter writer)
    {
        for (var i = 0; i < Count; i++)
        {
            writer.WriteRawValue(GetRawJson(i), skipInputValidation: true);
        }
    }

    public void Dispose()
    {
        if (!_disposed && _document is not null)
        {
            _disposed = true;
            _document.Dispose();
        }
    }
}
