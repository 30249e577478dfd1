using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Toki.EngineIO.Protocol;

/// <summary>The handshake packet: "0" followed by exactly the five keys of the spec, in the reference order.</summary>
public static class OpenPacket
{
    public static EngineFrame Create(string sid, bool offerWebSocketUpgrade, TimeSpan pingInterval, TimeSpan pingTimeout, int maxPayload)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(160);
        buffer.Write("0"u8);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("sid"u8, sid);
            writer.WriteStartArray("upgrades"u8);
            if (offerWebSocketUpgrade)
            {
                writer.WriteStringValue("websocket"u8);
            }
            writer.WriteEndArray();
            writer.WriteNumber("pingInterval"u8, (long)pingInterval.TotalMilliseconds);
            writer.WriteNumber("pingTimeout"u8, (long)pingTimeout.TotalMilliseconds);
            writer.WriteNumber("maxPayload"u8, maxPayload);
            writer.WriteEndObject();
        }
        return EngineFrame.FromEncodedText(buffer.WrittenSpan.ToArray());
    }

    public static string ToText(EngineFrame frame) => Encoding.UTF8.GetString(frame.Bytes.Span);
}
