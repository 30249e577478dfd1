namespace Toki.Server.Media.Agora;

/// <summary>A built RTC token with what a client needs next to it. The token is redacted from ToString.</summary>
internal sealed record AgoraRtcToken(string Token, string AppId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public override string ToString() =>
        $"AgoraRtcToken {{ AppId = {AppId}, IssuedAt = {IssuedAt:O}, ExpiresAt = {ExpiresAt:O} }}";
}
