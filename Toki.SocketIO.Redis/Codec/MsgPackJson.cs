using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using MessagePack;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>
/// Translates between MessagePack as the Node adapters write it (notepack.io for the classic adapter, @msgpack/msgpack
/// for the streams adapter) and the JSON with binary placeholders Toki carries values in (<see cref="SocketIOData"/>).
/// MessagePack-CSharp's reader and writer do the byte work; this maps JavaScript's values:
/// <list type="bullet">
/// <item><c>bin</c> (a Buffer) and notepack's ext type 0 (an ArrayBuffer or typed array) → an attachment;</item>
/// <item>notepack's fixext1 type 0 (<c>undefined</c>) → left out of objects and <c>null</c> in arrays, as JSON.stringify does;</item>
/// <item>notepack's fixext8 type 0 and the timestamp extension (-1) (a Date) → its ISO string, as JSON.stringify does;</item>
/// <item>any other extension → <c>[type, bytes]</c>, as notepack decodes it.</item>
/// </list>
/// Writing gives the smallest integer forms and float64 for other numbers, as both Node encoders do. Pure functions.
/// </summary>
internal static partial class MsgPackJson
{
    private const int MaxDepth = 64;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Reads one MessagePack value into JSON and attachments; throws <see cref="ClusterFormatException"/> on anything malformed.</summary>
    public static SocketIOData Decode(ReadOnlyMemory<byte> msgpack)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(64, msgpack.Length * 2));
        var attachments = new List<ReadOnlyMemory<byte>>();
        try
        {
            var reader = new MessagePackReader(msgpack);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                WriteValue(ref reader, writer, attachments, depth: 0);
            }
            if (!reader.End)
            {
                throw new ClusterFormatException("MessagePack value followed by extra bytes");
            }
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException or InvalidOperationException
            or OverflowException or ArgumentException)
        {
            throw new ClusterFormatException("malformed MessagePack: " + exception.Message, exception);
        }
        return new SocketIOData(buffer.WrittenMemory.ToArray(), attachments.Count == 0 ? null : attachments);
    }

    /// <summary>Writes JSON (placeholders referring to <see cref="SocketIOData.Attachments"/> become <c>bin</c>) as MessagePack.</summary>
    public static byte[] Encode(SocketIOData data)
    {
        using var document = JsonDocument.Parse(data.Json);
        return Encode(document.RootElement, data.Attachments);
    }

    /// <summary>Writes a JSON element as MessagePack, placeholders becoming <c>bin</c> values of <paramref name="attachments"/>.</summary>
    public static byte[] Encode(JsonElement element, IReadOnlyList<ReadOnlyMemory<byte>> attachments)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        WriteElement(ref writer, element, attachments, depth: 0);
        writer.Flush();
        return buffer.WrittenMemory.ToArray();
    }
}
