using System.Text.Json;
using System.Text.Json.Serialization;
using Toki.Calls.Domain;

namespace Toki.Server.Wire;

/// <summary>A call status as its lower-case wire name (<c>pending</c>, <c>active</c>, ...).</summary>
internal sealed class CallStatusJsonConverter : JsonConverter<CallStatus>
{
    public override CallStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CallStatusExtensions.ParseWire(reader.GetString() ?? "");

    public override void Write(Utf8JsonWriter writer, CallStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToWire());
}
