using System.Text.Json.Serialization;

namespace Toki.Server.Media.WebRtc;

/// <summary>An entry of the browser's <c>RTCConfiguration.iceServers</c>: <c>{ urls, username?, credential? }</c>.</summary>
internal sealed record IceServer(
    [property: JsonPropertyName("urls")] IReadOnlyList<string> Urls,
    [property: JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Username = null,
    [property: JsonPropertyName("credential"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Credential = null)
{
    public override string ToString() =>
        $"IceServer {{ Urls = [{string.Join(", ", Urls)}], Username = {Username}, " +
        $"Credential = {(Credential is null ? "(unset)" : "(redacted)")} }}";
}
