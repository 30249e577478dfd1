using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Toki.SocketIO.Protocol;

namespace Toki.SocketIO;

/// <summary>
/// A value as Socket.IO carries it: UTF-8 JSON in which binary values are <c>{"_placeholder":true,"num":N}</c>
/// objects, and the attachments those placeholders refer to, in order. This is how event arguments travel between
/// the servers of a cluster before each one encodes them for its own clients. Immutable.
/// </summary>
public sealed class SocketIOData
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public SocketIOData(ReadOnlyMemory<byte> json, IReadOnlyList<ReadOnlyMemory<byte>>? attachments = null)
    {
        Json = json;
        Attachments = attachments ?? [];
    }

    public ReadOnlyMemory<byte> Json { get; }

    public IReadOnlyList<ReadOnlyMemory<byte>> Attachments { get; }

    public bool HasBinary => Attachments.Count > 0;

    /// <summary>The JSON null, without attachments.</summary>
    public static SocketIOData Null { get; } = new("null"u8.ToArray());

    /// <summary>A JSON array of <paramref name="eventName"/> followed by <paramref name="args"/>: the data of an EVENT packet.</summary>
    public static SocketIOData FromEvent(string eventName, ReadOnlySpan<object?> args, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartArray();
            writer.WriteStringValue(eventName);
            foreach (var argument in args)
            {
                SocketIOArgumentWriter.Write(writer, argument, options, attachments);
            }
            writer.WriteEndArray();
        }
        return new SocketIOData(buffer.WrittenMemory.ToArray(), attachments);
    }

    /// <summary>One value (an acknowledgement's argument, say), binary values becoming attachments.</summary>
    public static SocketIOData FromValue(object? value, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            SocketIOArgumentWriter.Write(writer, value, options, attachments);
        }
        return new SocketIOData(buffer.WrittenMemory.ToArray(), attachments);
    }

    /// <summary>The first argument of received arguments, verbatim (the one value a cluster acknowledgement carries).</summary>
    public static SocketIOData FromFirstArgument(SocketIOArgs args)
    {
        if (args.Count == 0)
        {
            return Null;
        }
        var json = args.GetRawJson(0).ToArray();
        var attachments = args.Attachments.Count == 0 ? null : args.Attachments.Select(a => (ReadOnlyMemory<byte>)a).ToArray();
        return new SocketIOData(json, attachments);
    }

    /// <summary>Parses the data into arguments (JSON array elements from <paramref name="first"/> on); the caller disposes them.</summary>
    public SocketIOArgs ToArgs(int first, JsonSerializerOptions options)
    {
        var document = JsonDocument.Parse(Json);
        var attachments = Attachments.Count == 0 ? null : Attachments.Select(a => a.ToArray()).ToArray();
        return new SocketIOArgs(document, first, attachments, Json.Length, options);
    }

    /// <summary>The value as the only argument of a <see cref="SocketIOArgs"/> (Count 1); the caller disposes it.</summary>
    public SocketIOArgs ToSingleArgument(JsonSerializerOptions options)
    {
        var array = new byte[Json.Length + 2];
        array[0] = (byte)'[';
        Json.Span.CopyTo(array.AsSpan(1));
        array[^1] = (byte)']';
        return new SocketIOData(array, Attachments).ToArgs(0, options);
    }
}
