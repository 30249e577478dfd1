using System.Buffers;
using System.Globalization;
using System.Text.Json;
using MessagePack;

namespace Toki.SocketIO.Redis.Codec;

internal static partial class MsgPackJson
{
    private const byte FixExt1 = 0xd4;
    private const byte FixExt8 = 0xd7;
    private const sbyte NotepackType = 0;
    private const sbyte TimestampType = -1;

    private static void WriteValue(ref MessagePackReader reader, Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ClusterFormatException($"MessagePack nested deeper than {MaxDepth}");
        }
        switch (reader.NextMessagePackType)
        {
            case MessagePackType.Nil:
                reader.ReadNil();
                writer.WriteNullValue();
                return;
            case MessagePackType.Boolean:
                writer.WriteBooleanValue(reader.ReadBoolean());
                return;
            case MessagePackType.Integer:
                WriteInteger(ref reader, writer);
                return;
            case MessagePackType.Float:
                WriteNumber(writer, reader.ReadDouble());
                return;
            case MessagePackType.String:
                writer.WriteStringValue(reader.ReadString());
                return;
            case MessagePackType.Binary:
                WritePlaceholder(writer, attachments, reader.ReadBytes()!.Value.ToArray());
                return;
            case MessagePackType.Array:
                var count = reader.ReadArrayHeader();
                writer.WriteStartArray();
                for (var i = 0; i < count; i++)
                {
                    if (IsUndefined(ref reader))
                    {
                        reader.Skip();
                        writer.WriteNullValue();
                        continue;
                    }
                    WriteValue(ref reader, writer, attachments, depth + 1);
                }
                writer.WriteEndArray();
                return;
            case MessagePackType.Map:
                var pairs = reader.ReadMapHeader();
                writer.WriteStartObject();
                for (var i = 0; i < pairs; i++)
                {
                    var key = ReadKey(ref reader);
                    if (IsUndefined(ref reader))
                    {
                        reader.Skip();
                        continue;
                    }
                    writer.WritePropertyName(key);
                    WriteValue(ref reader, writer, attachments, depth + 1);
                }
                writer.WriteEndObject();
                return;
            case MessagePackType.Extension:
                WriteExtension(ref reader, writer, attachments);
                return;
            default:
                throw new ClusterFormatException($"MessagePack code 0x{reader.NextCode:x2} is not a value");
        }
    }

    private static void WriteInteger(ref MessagePackReader reader, Utf8JsonWriter writer)
    {
        if (reader.NextCode == MessagePackCode.UInt64)
        {
            writer.WriteNumberValue(reader.ReadUInt64());
            return;
        }
        writer.WriteNumberValue(reader.ReadInt64());
    }

    // JSON.stringify writes null for NaN and the infinities.
    private static void WriteNumber(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string ReadKey(ref MessagePackReader reader) => reader.NextMessagePackType switch
    {
        MessagePackType.String => reader.ReadString()!,
        MessagePackType.Integer when reader.NextCode == MessagePackCode.UInt64 => reader.ReadUInt64().ToString(CultureInfo.InvariantCulture),
        MessagePackType.Integer => reader.ReadInt64().ToString(CultureInfo.InvariantCulture),
        _ => throw new ClusterFormatException("MessagePack map key that is neither a string nor a number"),
    };

    private static bool IsUndefined(ref MessagePackReader reader)
    {
        if (reader.NextCode != FixExt1)
        {
            return false;
        }
        var peek = reader.CreatePeekReader();
        return peek.ReadExtensionFormatHeader().TypeCode == NotepackType;
    }

    private static void WriteExtension(ref MessagePackReader reader, Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments)
    {
        var code = reader.NextCode;
        var header = reader.ReadExtensionFormatHeader();
        var body = reader.ReadRaw(header.Length).ToArray();
        switch (header.TypeCode)
        {
            case NotepackType when code == FixExt1:
                // undefined where a value must stand (the top level): JSON has no better word than null.
                writer.WriteNullValue();
                return;
            case NotepackType when code == FixExt8:
                var high = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(body);
                var low = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(4));
                WriteDate(writer, ((long)high << 32) + low);
                return;
            case NotepackType:
                WritePlaceholder(writer, attachments, body);
                return;
            case TimestampType:
                WriteDate(writer, TimestampMilliseconds(body));
                return;
            default:
                writer.WriteStartArray();
                writer.WriteNumberValue(header.TypeCode);
                WritePlaceholder(writer, attachments, body);
                writer.WriteEndArray();
                return;
        }
    }

    /// <summary>Milliseconds since the epoch of a MessagePack timestamp (32, 64 or 96 bits).</summary>
    private static long TimestampMilliseconds(byte[] body)
    {
        switch (body.Length)
        {
            case 4:
                return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body) * 1000L;
            case 8:
                var packed = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(body);
                var nanoseconds = (long)(packed >> 34);
                var seconds = (long)(packed & 0x3_ffff_ffffUL);
                return (seconds * 1000) + (nanoseconds / 1_000_000);
            case 12:
                var nanos = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(body);
                var secs = System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(body.AsSpan(4));
                return (secs * 1000) + (nanos / 1_000_000);
            default:
                throw new ClusterFormatException($"a MessagePack timestamp of {body.Length} bytes");
        }
    }

    // What Date.prototype.toJSON gives (toISOString), or null for a date outside the years it can print this way.
    private static void WriteDate(Utf8JsonWriter writer, long milliseconds)
    {
        if (milliseconds < -62135596800000 || milliseconds > 253402300799999)
        {
            writer.WriteNullValue();
            return;
        }
        var time = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
        writer.WriteStringValue(time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
    }

    private static void WritePlaceholder(Utf8JsonWriter writer, List<ReadOnlyMemory<byte>> attachments, byte[] bytes)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("_placeholder"u8, true);
        writer.WriteNumber("num"u8, attachments.Count);
        writer.WriteEndObject();
        attachments.Add(bytes);
    }
}
