using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Toki.EngineIO.Protocol;

namespace Toki.SocketIO.Protocol;

/// <summary>
/// Encodes outgoing Socket.IO packets straight into Engine.IO frames ("4" + packet). JSON is written into a
/// thread-local buffer and copied once into an exact-size array. Pure apart from that scratch buffer.
/// </summary>
public static class SocketIOPacketEncoder
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static Scratch? t_scratch;

    public static EngineFrame EncodeConnect(string @namespace, string sid, string? pid)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString("sid"u8, sid);
        if (pid is not null)
        {
            writer.WriteString("pid"u8, pid);
        }
        writer.WriteEndObject();
        return scratch.ToFrame(SocketIOPacketType.Connect, @namespace, 0, null, out _);
    }

    public static EngineFrame EncodeConnectError(string @namespace, string message, object? data, JsonSerializerOptions options)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartObject();
        writer.WriteString("message"u8, message);
        if (data is not null)
        {
            writer.WritePropertyName("data"u8);
            SocketIOArgumentWriter.Write(writer, data, options, scratch.Attachments);
        }
        writer.WriteEndObject();
        return scratch.ToFrame(SocketIOPacketType.ConnectError, @namespace, 0, null, out _);
    }

    public static EngineFrame EncodeDisconnect(string @namespace)
    {
        var scratch = Scratch.Rent();
        return scratch.ToFrame(SocketIOPacketType.Disconnect, @namespace, 0, null, out _);
    }

    /// <summary>An EVENT (or BINARY_EVENT): <c>["name", args..., offset?]</c>.</summary>
    public static OutboundPacket EncodeEvent(string @namespace, string eventName, ReadOnlySpan<object?> args, long? ackId, string? offset, JsonSerializerOptions options)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        writer.WriteStringValue(eventName);
        foreach (var argument in args)
        {
            SocketIOArgumentWriter.Write(writer, argument, options, scratch.Attachments);
        }
        if (offset is not null)
        {
            writer.WriteStringValue(offset);
        }
        writer.WriteEndArray();
        return scratch.ToPacket(SocketIOPacketType.Event, @namespace, ackId, offset);
    }

    /// <summary>An EVENT re-emitting received arguments verbatim, attachments included.</summary>
    public static OutboundPacket EncodeEvent(string @namespace, string eventName, SocketIOArgs args, long? ackId, string? offset)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        writer.WriteStringValue(eventName);
        args.WriteTo(writer);
        if (offset is not null)
        {
            writer.WriteStringValue(offset);
        }
        writer.WriteEndArray();
        scratch.Attachments.AddRange(args.Attachments.Select(static a => (ReadOnlyMemory<byte>)a));
        return scratch.ToPacket(SocketIOPacketType.Event, @namespace, ackId, offset);
    }

    /// <summary>
    /// An EVENT whose data (<c>["name", args...]</c>, binary values as placeholders) is already encoded, as a cluster
    /// delivers it; <paramref name="offset"/>, when given, is appended as the last element.
    /// </summary>
    public static OutboundPacket EncodeEvent(string @namespace, SocketIOData data, long? ackId, string? offset)
    {
        var json = data.Json.Span;
        if (json.Length < 2 || json[0] != (byte)'[' || json[^1] != (byte)']')
        {
            throw new ArgumentException("Event data must be a JSON array.", nameof(data));
        }
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        if (offset is null)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else
        {
            writer.Flush();
            scratch.WriteRaw(json[..^1]);
            if (json.Length > 2)
            {
                scratch.WriteRaw(","u8);
            }
            writer.Reset();
            writer.WriteStringValue(offset);
            writer.Flush();
            scratch.WriteRaw("]"u8);
        }
        scratch.Attachments.AddRange(data.Attachments);
        return scratch.ToPacket(SocketIOPacketType.Event, @namespace, ackId, offset);
    }

    public static OutboundPacket EncodeAck(string @namespace, long ackId, ReadOnlySpan<object?> args, JsonSerializerOptions options)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        foreach (var argument in args)
        {
            SocketIOArgumentWriter.Write(writer, argument, options, scratch.Attachments);
        }
        writer.WriteEndArray();
        return scratch.ToPacket(SocketIOPacketType.Ack, @namespace, ackId, null);
    }

    public static OutboundPacket EncodeAck(string @namespace, long ackId, SocketIOArgs args)
    {
        var scratch = Scratch.Rent();
        var writer = scratch.Writer;
        writer.WriteStartArray();
        args.WriteTo(writer);
        writer.WriteEndArray();
        scratch.Attachments.AddRange(args.Attachments.Select(static a => (ReadOnlyMemory<byte>)a));
        return scratch.ToPacket(SocketIOPacketType.Ack, @namespace, ackId, null);
    }

    private sealed class Scratch
    {
        private const int MaxRetainedCapacity = 64 * 1024;
        private readonly ArrayBufferWriter<byte> _buffer = new(1024);

        private Scratch()
        {
            Writer = new Utf8JsonWriter(_buffer, WriterOptions);
        }

        public Utf8JsonWriter Writer { get; }

        public List<ReadOnlyMemory<byte>> Attachments { get; } = [];

        public static Scratch Rent()
        {
            var scratch = t_scratch ??= new Scratch();
            scratch._buffer.ResetWrittenCount();
            scratch.Writer.Reset(scratch._buffer);
            scratch.Attachments.Clear();
            return scratch;
        }

        public OutboundPacket ToPacket(SocketIOPacketType type, string @namespace, long? ackId, string? offset)
        {
            var binary = Attachments.Count > 0;
            var binaryType = type == SocketIOPacketType.Event ? SocketIOPacketType.BinaryEvent : SocketIOPacketType.BinaryAck;
            var header = ToFrame(binary ? binaryType : type, @namespace, Attachments.Count, ackId, out var payloadStart);
            EngineFrame[]? attachments = null;
            if (binary)
            {
                attachments = new EngineFrame[Attachments.Count];
                for (var i = 0; i < attachments.Length; i++)
                {
                    attachments[i] = EngineFrame.Binary(Attachments[i]);
                }
            }
            return new OutboundPacket(header, attachments, offset, payloadStart, type == SocketIOPacketType.Event, ackId);
        }

        public void WriteRaw(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

        public EngineFrame ToFrame(SocketIOPacketType type, string @namespace, int attachmentCount, long? ackId, out int payloadStart)
        {
            Writer.Flush();
            Span<byte> prefix = stackalloc byte[48];
            var length = 0;
            prefix[length++] = (byte)'4';
            prefix[length++] = (byte)('0' + (int)type);
            if (type is SocketIOPacketType.BinaryEvent or SocketIOPacketType.BinaryAck)
            {
                attachmentCount.TryFormat(prefix[length..], out var written);
                length += written;
                prefix[length++] = (byte)'-';
            }
            var isMain = @namespace == "/";
            var namespaceLength = isMain ? 0 : System.Text.Encoding.UTF8.GetByteCount(@namespace) + 1;
            Span<byte> ackDigits = stackalloc byte[20];
            var ackLength = 0;
            if (ackId is { } id)
            {
                id.TryFormat(ackDigits, out ackLength);
            }

            var frame = new byte[length + namespaceLength + ackLength + _buffer.WrittenCount];
            prefix[..length].CopyTo(frame);
            var position = length;
            if (!isMain)
            {
                position += System.Text.Encoding.UTF8.GetBytes(@namespace, frame.AsSpan(position));
                frame[position++] = (byte)',';
            }
            ackDigits[..ackLength].CopyTo(frame.AsSpan(position));
            position += ackLength;
            payloadStart = position;
            _buffer.WrittenSpan.CopyTo(frame.AsSpan(position));
            if (_buffer.Capacity > MaxRetainedCapacity)
            {
                // One large packet should not pin a large buffer to this thread for good.
                t_scratch = null;
            }
            return EngineFrame.FromEncodedText(frame);
        }
    }
}
