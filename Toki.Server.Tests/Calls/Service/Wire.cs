using Toki.Calls.Notices;
using Toki.Calls.Service;
using Toki.Server.Wire;
using Toki.Server.Tests.Calls.Fakes;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>Expected wire lines and payloads, spelled out for the tests.</summary>
internal static class Wire
{
    /// <summary>10:00:00.000Z plus <paramref name="seconds"/>, as every timestamp on the wire.</summary>
    public static string Stamp(double seconds)
    {
        var at = CallServiceHarness.Start + TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return $"2030-01-01T{at.Hour:00}:{at.Minute:00}:{at.Second:00}.{at.Millisecond:000}Z";
    }

    public static string Ended(string callId, string status, string reason, int billed, long charged, double at) =>
        $$"""{"callId":"{{callId}}","status":"{{status}}","reason":"{{reason}}","billedSeconds":{{billed}},"coinsCharged":{{charged}},"endedAt":"{{Stamp(at)}}"}""";

    /// <summary>What every hard end sends to both user rooms, caller first.</summary>
    public static string[] EndedLines(string callId, string status, string reason, int billed, long charged, double at)
    {
        var ended = Ended(callId, status, reason, billed, charged, at);
        var cleared = $$"""{"callId":"{{callId}}","reason":"{{reason}}"}""";
        return
        [
            $"user alice call:ended {ended}", $"user alice call:clear-all {cleared}",
            $"user bob call:ended {ended}", $"user bob call:clear-all {cleared}",
        ];
    }

    public static string Wallet(string user, long coins, long held, long earnings) =>
        $$"""user {{user}} wallet:updated {"coins":{{coins}},"heldCoins":{{held}},"earnings":{{earnings}}}""";

    /// <summary>The JSON the gateway sends for a notice.</summary>
    public static string Json(CallNotice notice) => System.Text.Encoding.UTF8.GetString(CallEvents.Encode(notice).Payload.Utf8Json.Span);

    /// <summary>The JSON of the WebRTC credentials the fake media provider issues.</summary>
    public static string MediaJson(string userId, bool initiator) => FakeMediaCredentialsProvider.WebRtcJson(userId, initiator);

    public static CallSnapshot Snapshot(CallResult result) => result.Call!;
}
