using System.Buffers.Text;
using System.Text;

namespace Toki.Bench;

/// <summary>
/// Just enough reading of Socket.IO text frames for the generator: event names, ack ids, one number or string
/// field. No JSON parse on the hot path: the fields it looks for are the ones both servers write verbatim.
/// </summary>
public static class WireText
{
    /// <summary>The event name of <c>42[&lt;ack id&gt;]["name",...]</c>.</summary>
    public static ReadOnlySpan<byte> EventName(ReadOnlySpan<byte> frame)
    {
        var position = 2;
        while (position < frame.Length && frame[position] is >= (byte)'0' and <= (byte)'9')
        {
            position++;
        }
        if (position + 2 >= frame.Length || frame[position] != (byte)'[' || frame[position + 1] != (byte)'"')
        {
            return default;
        }
        var rest = frame[(position + 2)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }

    public static bool IsRelayEvent(ReadOnlySpan<byte> name) =>
        name.SequenceEqual("call:ice"u8) || name.SequenceEqual("call:signal"u8) || name.SequenceEqual("call:offer"u8)
        || name.SequenceEqual("call:answer"u8) || name.SequenceEqual("call:media"u8) || name.SequenceEqual("relay"u8);

    /// <summary>The decimal number at the start of <paramref name="text"/> (0 when none).</summary>
    public static long LeadingNumber(ReadOnlySpan<byte> text, out int digits)
    {
        return Utf8Parser.TryParse(text, out long value, out digits) ? value : 0;
    }

    /// <summary>The first <c>"name":123</c> number in the frame, or null.</summary>
    public static long? NumberField(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> name)
    {
        var at = IndexOfField(frame, name);
        if (at < 0)
        {
            return null;
        }
        return Utf8Parser.TryParse(frame[at..], out long value, out _) ? value : null;
    }

    /// <summary>The first <c>"name":"value"</c> string in the frame (no escapes expected), or null.</summary>
    public static string? StringField(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> name)
    {
        var at = IndexOfField(frame, name);
        if (at < 0 || at >= frame.Length || frame[at] != (byte)'"')
        {
            return null;
        }
        var rest = frame[(at + 1)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? null : Encoding.UTF8.GetString(rest[..end]);
    }

    public static string? StringField(string json, string name) => StringField(Encoding.UTF8.GetBytes(json), Encoding.UTF8.GetBytes(name));

    // The position right after "name": (no whitespace: neither server writes any).
    private static int IndexOfField(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> name)
    {
        Span<byte> pattern = stackalloc byte[name.Length + 3];
        pattern[0] = (byte)'"';
        name.CopyTo(pattern[1..]);
        pattern[^2] = (byte)'"';
        pattern[^1] = (byte)':';
        var index = frame.IndexOf(pattern);
        return index < 0 ? -1 : index + pattern.Length;
    }
}
