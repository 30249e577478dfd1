using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Gateway;
using Toki.Server.Http;
using Toki.Server.Observability;
using Toki.Server.Wire;
using static Toki.Server.Tests.Wire.WireSamples;

namespace Toki.Server.Tests.Wire;

/// <summary>§12 of protocol.md, the admin API, pinned: its bodies come from typed records through the wire's one serializer.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class AdminPayloadsTests
{
    /// <summary>Interrupted: bob is away until 08:00:15.250Z, the clock paused at 12.345 s of 300.</summary>
    private static readonly CallRecord Interrupted = new()
    {
        Id = "c1",
        CallerId = "alice",
        CalleeId = "bob",
        CallerName = "Alice",
        CalleeName = "Zoë <b>",
        Type = CallType.Video,
        Status = CallStatus.Interrupted,
        CreatedAt = At,
        AcceptedAt = At.AddSeconds(2),
        StartedAt = At.AddSeconds(3),
        DurationLimitSec = 300,
        RatePerMinute = 60,
        ActiveMs = 12_345,
        JoinedUserIds = ["alice", "bob"],
        InterruptedUserIds = ["bob"],
        InterruptedFrom = CallStatus.Active,
        RejoinDeadlines = new Dictionary<string, DateTimeOffset> { ["bob"] = At.AddSeconds(15) },
        HoldCoins = 300,
        Version = 7,
    };

    private static readonly string InterruptedJson = """
        {"callId":"c1","type":"video","status":"interrupted","caller":{"userId":"alice","name":"Alice"},
        "callee":{"userId":"bob","name":"Zoë <b>"},"statusHistory":[{"status":"pending","at":"2030-01-01T08:00:00.250Z"},
        {"status":"accepted","at":"2030-01-01T08:00:02.250Z"},{"status":"active","at":"2030-01-01T08:00:03.250Z"},
        {"status":"interrupted","at":null}],"createdAt":"2030-01-01T08:00:00.250Z","acceptedAt":"2030-01-01T08:00:02.250Z",
        "startedAt":"2030-01-01T08:00:03.250Z","endedAt":null,"endReason":null,"endedBy":null,"joinedUserIds":["alice","bob"],
        "interruptedUserIds":["bob"],"interruptedFrom":"active","rejoinedUserIds":[],
        "deadlines":{"ring":null,"connect":null,"endsAt":null,"rejoin":{"bob":"2030-01-01T08:00:15.250Z"}},
        "timer":{"durationLimit":300,"activeMs":12345,"lastResumedAt":null,"activeMsNow":12345,"remainingTime":288},
        "billing":{"ratePerMinute":60,"holdCoins":300,"billedSeconds":0,"coinsCharged":0,"settledAt":null},"version":7}
        """.Replace("\n", "", StringComparison.Ordinal);

    /// <summary>Running: resumed at 08:00:03.250Z with 10 s banked, read 5 s later; then ended by an operator and settled.</summary>
    private static readonly CallRecord Running = Interrupted with
    {
        Status = CallStatus.Active,
        ActiveMs = 10_000,
        LastResumedAt = At.AddSeconds(3),
        InterruptedUserIds = [],
        InterruptedFrom = null,
        RejoinDeadlines = new Dictionary<string, DateTimeOffset>(),
        EndsAt = At.AddSeconds(293),
    };

    private static readonly CallRecord Ended = Running with
    {
        Status = CallStatus.Ended,
        ActiveMs = 15_000,
        LastResumedAt = null,
        EndsAt = null,
        EndedAt = At.AddSeconds(8),
        SettledAt = At.AddSeconds(8),
        EndReason = CallEndReason.EndedByAdmin,
        BilledSeconds = 15,
        CoinsCharged = 15,
        Version = 9,
    };

    private static string Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    [Test]
    public void An_admin_user_says_whether_the_user_is_online() => Assert.That(
        Write(AdminJson.User(new UserRecord { Id = "bob", Name = "Zoë", Coins = 5, HeldCoins = 50, Earnings = 7, IsOnCall = true, CurrentCallId = "c1" }, online: true),
            WireJson.Context.AdminUser),
        Is.EqualTo("""{"userId":"bob","name":"Zoë","coins":5,"heldCoins":50,"earnings":7,"isOnCall":true,"currentCallId":"c1","online":true}"""));

    [Test]
    public void An_interrupted_call_whole() =>
        Assert.That(Write(AdminJson.Call(Interrupted, At.AddSeconds(9)), WireJson.Context.AdminCall), Is.EqualTo(InterruptedJson));

    [Test]
    public void A_running_call_computes_its_timer_at_the_given_instant()
    {
        using var body = JsonDocument.Parse(Write(AdminJson.Call(Running, At.AddSeconds(8)), WireJson.Context.AdminCall));

        Assert.That(body.RootElement.GetProperty("timer").GetRawText(),
            Is.EqualTo("""{"durationLimit":300,"activeMs":10000,"lastResumedAt":"2030-01-01T08:00:03.250Z","activeMsNow":15000,"remainingTime":285}"""));
    }

    [Test]
    public void An_ended_call_in_a_page()
    {
        var page = new AdminPayloads.AdminCallPage([AdminJson.Call(Ended, At.AddMinutes(1))], "cursor-1");
        using var body = JsonDocument.Parse(Write(page, WireJson.Context.AdminCallPage));
        var call = body.RootElement.GetProperty("calls")[0];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.RootElement.GetProperty("nextCursor").GetString(), Is.EqualTo("cursor-1"));
            Assert.That(call.GetProperty("statusHistory").GetRawText(), Is.EqualTo("""
                [{"status":"pending","at":"2030-01-01T08:00:00.250Z"},{"status":"accepted","at":"2030-01-01T08:00:02.250Z"},
                {"status":"active","at":"2030-01-01T08:00:03.250Z"},{"status":"ended","at":"2030-01-01T08:00:08.250Z"}]
                """.Replace("\n", "", StringComparison.Ordinal)));
            Assert.That(call.GetProperty("endReason").GetString(), Is.EqualTo("ended_by_admin"));
            Assert.That(call.GetProperty("timer").GetRawText(),
                Is.EqualTo("""{"durationLimit":300,"activeMs":15000,"lastResumedAt":null,"activeMsNow":15000,"remainingTime":0}"""));
            Assert.That(call.GetProperty("billing").GetRawText(),
                Is.EqualTo("""{"ratePerMinute":60,"holdCoins":300,"billedSeconds":15,"coinsCharged":15,"settledAt":"2030-01-01T08:00:08.250Z"}"""));
        }
    }

    [Test]
    public void A_ledger() => Assert.That(
        Write(AdminJson.Ledger("c1", [new LedgerEntry("c1", LedgerKind.Hold, "alice", 300, At), new LedgerEntry("c1", LedgerKind.Earn, "bob", 15, At.AddSeconds(8))]),
            WireJson.Context.AdminLedger),
        Is.EqualTo("""
            {"callId":"c1","entries":[{"key":"c1:hold","kind":"hold","userId":"alice","amount":300,"at":"2030-01-01T08:00:00.250Z"},
            {"key":"c1:earn","kind":"earn","userId":"bob","amount":15,"at":"2030-01-01T08:00:08.250Z"}]}
            """.Replace("\n", "", StringComparison.Ordinal)));

    [Test]
    public void The_admin_UI_sees_a_call_socket_s_user_and_nothing_of_other_data() => Assert.That(
        (((JsonElement)AdminUIHost.DescribeSocket(new CallSocketSession("zoë", new RateLimitOptions(), TimeProvider.System))!).GetRawText(), AdminUIHost.DescribeSocket("other")),
        Is.EqualTo(("""{"userId":"zoë"}""", (object?)null)));
}
