using System.Buffers;
using System.Buffers.Text;

namespace Toki.EngineIO.Protocol;

/// <summary>
/// Encodes frames into one HTTP long-polling response body: text frames verbatim, binary frames as "b" plus
/// standard base64, joined by the record separator. Pure.
/// </summary>
public static class PollingPayloadEncoder
{
    public static int GetEncodedLength(ReadOnlySpan<EngineFrame> frames)
    {
        var length = Math.Max(0, frames.Length - 1);
        foreach (var frame in frames)
        {
            length += frame.IsBinary ? 1 + Base64.GetMaxEncodedToUtf8Length(frame.Bytes.Length) : frame.Bytes.Length;
        }
        return length;
    }

    /// <summary>Writes the payload into <paramref name="destination"/>, which must hold <see cref="GetEncodedLength"/> bytes.</summary>
    public static int Encode(ReadOnlySpan<EngineFrame> frames, Span<byte> destination)
    {
        var position = 0;
        for (var i = 0; i < frames.Length; i++)
        {
            if (i > 0)
            {
                destination[position++] = PollingPayloadDecoder.RecordSeparator;
            }
            var frame = frames[i];
            if (frame.IsBinary)
            {
                destination[position++] = (byte)'b';
                Base64.EncodeToUtf8(frame.Bytes.Span, destination[position..], out _, out var written);
                position += written;
            }
            else
            {
                frame.Bytes.Span.CopyTo(destination[position..]);
                position += frame.Bytes.Length;
            }
        }
        return position;
    }

    public static byte[] Encode(ReadOnlySpan<EngineFrame> frames)
    {
        var buffer = new byte[GetEncodedLength(frames)];
        var written = Encode(frames, buffer);
        return written == buffer.Length ? buffer : buffer[..written];
    }
}
