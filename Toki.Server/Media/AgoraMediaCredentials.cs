using System.Text.Json.Serialization;
using Toki.Calls.Ports;

namespace Toki.Server.Media;

/// <summary>
/// <c>{ provider: "agora", appId, channel, uid, token, expiresAt }</c>: join <paramref name="Channel"/> as
/// <paramref name="Uid"/> with <paramref name="Token"/>. The token is redacted from ToString.
/// </summary>
internal sealed record AgoraMediaCredentials(string AppId, string Channel, uint Uid, string Token, DateTimeOffset ExpiresAt) : MediaCredentials
{
    [JsonPropertyOrder(-1)]
    public string Provider => "agora";

    public override string ToString() => $"AgoraMediaCredentials {{ AppId = {AppId}, Channel = {Channel}, Uid = {Uid}, ExpiresAt = {ExpiresAt:O} }}";
}
