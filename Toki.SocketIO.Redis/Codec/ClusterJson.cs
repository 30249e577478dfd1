using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Toki.SocketIO.Redis.Codec;

/// <summary>The JSON pieces both bindings share: broadcast options, string lists, and values embedded with their attachments.</summary>
internal static class ClusterJson
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Writes JSON with a fresh writer; <paramref name="attachments"/> collects the binary values embedded.</summary>
    public static SocketIOData Build(Action<Utf8JsonWriter, List<ReadOnlyMemory<byte>>> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var attachments = new List<ReadOnlyMemory<byte>>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, attachments);
        }
        return new SocketIOData(buffer.WrittenMemory.ToArray(), attachments.Count == 0 ? null : attachments);
    }

    /// <summary><c>{"rooms":[..],"except":[..],"flags":{..}}</c>; <paramref name="withFlags"/> false for the classic requests that send none.</summary>
    public static void WriteOptions(Utf8JsonWriter writer, BroadcastOptions options, bool withFlags = true)
    {
        writer.WriteStartObject();
        WriteStrings(writer, "rooms"u8, options.Rooms);
        WriteStrings(writer, "except"u8, options.ExceptRooms);
        if (withFlags)
        {
            writer.WriteStartObject("flags"u8);
            if (options.Volatile)
            {
                writer.WriteBoolean("volatile"u8, true);
            }
            if (options.Timeout is { } timeout)
            {
                writer.WriteNumber("timeout"u8, (long)timeout.TotalMilliseconds);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    public static BroadcastOptions ReadOptions(JsonElement data)
    {
        if (!data.TryGetProperty("opts"u8, out var opts) || opts.ValueKind != JsonValueKind.Object)
        {
            return BroadcastOptions.All;
        }
        var options = new BroadcastOptions(ReadStrings(opts, "rooms"u8), ReadStrings(opts, "except"u8));
        if (opts.TryGetProperty("flags"u8, out var flags) && flags.ValueKind == JsonValueKind.Object)
        {
            options = options with
            {
                Volatile = flags.TryGetProperty("volatile"u8, out var v) && v.ValueKind == JsonValueKind.True,
                Timeout = flags.TryGetProperty("timeout"u8, out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var ms) && ms > 0
                    ? TimeSpan.FromMilliseconds(ms)
                    : null,
            };
        }
        return options;
    }

    public static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    /// <summary>An array of strings (numbers are taken as their text, as JavaScript rooms may be numbers); empty when absent.</summary>
    public static IReadOnlyList<string> ReadStrings(JsonElement parent, ReadOnlySpan<byte> name)
    {
        if (!parent.TryGetProperty(name, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var values = new List<string>(array.GetArrayLength());
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                values.Add(item.GetString()!);
            }
            else if (item.ValueKind == JsonValueKind.Number)
            {
                values.Add(item.GetRawText());
            }
        }
        return values;
    }

    public static string? ReadString(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static int? ReadInt(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>Embeds a value, its placeholders renumbered after the attachments already collected.</summary>
    public static void WriteValue(Utf8JsonWriter writer, SocketIOData value, List<ReadOnlyMemory<byte>> attachments)
    {
        if (value.Attachments.Count == 0)
        {
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
            return;
        }
        if (attachments.Count == 0)
        {
            writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
            attachments.AddRange(value.Attachments);
            return;
        }
        using var document = JsonDocument.Parse(value.Json);
        var shifted = DataSlice.Of(document.RootElement, value.Attachments);
        var offset = attachments.Count;
        using var renumbered = JsonDocument.Parse(shifted.Json);
        WriteShifted(writer, renumbered.RootElement, shifted.Attachments.Count, offset);
        attachments.AddRange(shifted.Attachments);
    }

    private static void WriteShifted(Utf8JsonWriter writer, JsonElement element, int count, int offset)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object when Placeholder.Index(element, count) is { } index:
                writer.WriteStartObject();
                writer.WriteBoolean("_placeholder"u8, true);
                writer.WriteNumber("num"u8, index + offset);
                writer.WriteEndObject();
                return;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    WriteShifted(writer, property.Value, count, offset);
                }
                writer.WriteEndObject();
                return;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteShifted(writer, item, count, offset);
                }
                writer.WriteEndArray();
                return;
            default:
                element.WriteTo(writer);
                return;
        }
    }
}
