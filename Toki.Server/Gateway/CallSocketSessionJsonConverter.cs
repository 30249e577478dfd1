using System.Text.Json;
using System.Text.Json.Serialization;
using Toki.Server.Wire;

namespace Toki.Server.Gateway;

/// <summary>
/// Writes a call socket's data as the rest of a cluster sees it, <c>{ userId }</c> through the wire serializer: in the
/// session saved for recovery on another server and in <c>fetchSockets</c> answers. Never read back into a session: a
/// server restoring one rebuilds it from the client's token (<see cref="SocketAuthenticator"/>).
/// </summary>
internal sealed class CallSocketSessionJsonConverter : JsonConverter<CallSocketSession>
{
    public override CallSocketSession Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("A call socket's session is rebuilt from its user's token, not read from JSON.");

    public override void Write(Utf8JsonWriter writer, CallSocketSession value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, new AdminPayloads.AdminUISocketData(value.UserId), WireJson.Context.AdminUISocketData);
}
