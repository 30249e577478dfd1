using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Server.Wire;
using static Toki.Server.Tests.Wire.WireSamples;

namespace Toki.Server.Tests.Wire;

/// <summary>§12 of protocol.md, pinned: the HTTP API's bodies from the same serializer as the socket's payloads.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class HttpPayloadsTests
{
    [Test]
    public void A_user() => Assert.That(
        JsonSerializer.Serialize(HttpPayloads.User.From(new UserRecord { Id = "bob", Name = "Bob", Coins = 5, HeldCoins = 50, Earnings = 7, IsOnCall = true, CurrentCallId = "c1" }),
            WireJson.Context.User),
        Is.EqualTo("""{"userId":"bob","name":"Bob","coins":5,"heldCoins":50,"earnings":7,"isOnCall":true,"currentCallId":"c1"}"""));

    [Test]
    public void A_user_off_call() => Assert.That(
        JsonSerializer.Serialize(HttpPayloads.User.From(new UserRecord { Id = "bob", Name = "Bob" }), WireJson.Context.User),
        Is.EqualTo("""{"userId":"bob","name":"Bob","coins":0,"heldCoins":0,"earnings":0,"isOnCall":false,"currentCallId":null}"""));

    [Test]
    public void A_history_page() => Assert.That(
        JsonSerializer.Serialize(new HttpPayloads.CallHistory([Snapshot], null), WireJson.Context.CallHistory),
        Is.EqualTo($$"""{"calls":[{{SnapshotJson}}],"nextCursor":null}"""));

    [Test]
    public void An_error() => Assert.That(
        JsonSerializer.Serialize(new HttpPayloads.ErrorBody(new WireError("unauthorized", "A valid Bearer token is required.")), WireJson.Context.ErrorBody),
        Is.EqualTo("""{"error":{"code":"unauthorized","message":"A valid Bearer token is required."}}"""));

    [Test]
    public void Health_and_the_development_token() => Assert.That(
        (JsonSerializer.Serialize(new HttpPayloads.Health("ready"), WireJson.Context.Health),
            JsonSerializer.Serialize(new HttpPayloads.DevToken("t.o.k", "bob", "Bob"), WireJson.Context.DevToken)),
        Is.EqualTo(("""{"status":"ready"}""", """{"token":"t.o.k","userId":"bob","name":"Bob"}""")));

    [Test]
    public void Health_of_a_clustered_server() => Assert.That(
        JsonSerializer.Serialize(new HttpPayloads.Health("ok", new HttpPayloads.ClusterHealth("streams", "disconnected")), WireJson.Context.Health),
        Is.EqualTo("""{"status":"ok","cluster":{"mode":"streams","redis":"disconnected"}}"""));
}
