using System.Text.Json;
using NUnit.Framework;
using Toki.Calls.Domain;
using static Toki.Server.Tests.Calls.Service.CallServiceHarness;
using static Toki.Server.Tests.Calls.Service.Wire;

namespace Toki.Server.Tests.Calls.Service;

/// <summary>§1 <c>call:state</c>: <c>{ call, you: { away, canRejoin, rejoinDeadline } }</c> for away and present users.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallStateTests
{
    private static async Task<JsonElement> StateAsync(CallServiceHarness h, string user) =>
        JsonDocument.Parse(Json(await h.Service.GetStateAsync(user, CancellationToken.None))).RootElement;

    [Test]
    public async Task ASocketWithoutACallIsToldSoOnConnect()
    {
        using var h = new CallServiceHarness();

        await h.ConnectAsync(Carol, "s-c1");

        Assert.That(h.Notifier.Lines, Is.EqualTo(new[] { """socket s-c1 call:state {"call":null,"you":null}""" }));
    }

    [Test]
    public async Task AStaleOnCallFlagIsClearedWhenItsUserConnects()
    {
        using var h = new CallServiceHarness();
        h.Store.Seed(h.Store.User(Carol) with { IsOnCall = true, CurrentCallId = "gone" });

        await h.ConnectAsync(Carol, "s-c1");

        Assert.That((h.Store.User(Carol).IsOnCall, h.Store.User(Carol).CurrentCallId), Is.EqualTo((false, (string?)null)));
        Assert.That(h.Logger.Named("StaleOnCallCleared").Single().Fields()["UserId"], Is.EqualTo(Carol));
    }

    [Test]
    public async Task AwayAndPresentUsersOfAnInterruptedCall()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.AdvanceAsync(10);
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.AdvanceAsync(4);

        var alice = await StateAsync(h, Alice);
        var bob = await StateAsync(h, Bob);

        Assert.That(alice.GetProperty("you").GetRawText(), Is.EqualTo($$"""{"away":true,"canRejoin":true,"rejoinDeadline":"{{Stamp(28)}}"}"""));
        Assert.That(bob.GetProperty("you").GetRawText(), Is.EqualTo("""{"away":false,"canRejoin":false,"rejoinDeadline":null}"""));
        var call = alice.GetProperty("call");
        Assert.That((call.GetProperty("callId").GetString(), call.GetProperty("status").GetString(), call.GetProperty("remainingTime").GetInt32(),
                call.GetProperty("interruptedUserIds").GetRawText(), call.GetProperty("rejoinDeadlines").GetRawText(),
                call.GetProperty("rejoinDeadline").GetString()),
            Is.EqualTo((id, "interrupted", 290, """["alice"]""", $$"""{"alice":"{{Stamp(28)}}"}""", Stamp(28))));
        Assert.That(bob.GetProperty("call").GetRawText(), Is.EqualTo(call.GetRawText()), "both see the same call");
    }

    [Test]
    public async Task AnAwayUserWhoAlreadyRejoinedOnceCannotRejoinAgain()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        await h.CommandAsync(id, new CallCommand.End(Alice, Permanent: false));
        await h.RejoinAsync(Alice, "s-a1", id);
        await h.CommandAsync(id, new CallCommand.End(Bob, Permanent: false));

        var alice = await StateAsync(h, Alice);
        var bob = await StateAsync(h, Bob);

        Assert.That(alice.GetProperty("you").GetRawText(), Is.EqualTo("""{"away":false,"canRejoin":false,"rejoinDeadline":null}"""));
        Assert.That(bob.GetProperty("you").GetRawText(), Is.EqualTo($$"""{"away":true,"canRejoin":true,"rejoinDeadline":"{{Stamp(18)}}"}"""));
    }

    [Test]
    public async Task ATabBackWithinTheGraceLearnsItIsNotAway()
    {
        using var h = new CallServiceHarness();
        var id = await h.ActiveCallAsync();
        h.Disconnect(Bob, "s-b1");
        await h.AdvanceAsync(2);
        h.Notifier.Clear();

        await h.ConnectAsync(Bob, "s-b2");

        var line = h.Notifier.Lines.Single();
        Assert.That(line, Does.StartWith("socket s-b2 call:state "));
        var state = JsonDocument.Parse(line["socket s-b2 call:state ".Length..]).RootElement;
        Assert.That(state.GetProperty("you").GetRawText(), Is.EqualTo("""{"away":false,"canRejoin":false,"rejoinDeadline":null}"""));
        Assert.That((state.GetProperty("call").GetProperty("callId").GetString(), state.GetProperty("call").GetProperty("status").GetString(),
            state.GetProperty("call").GetProperty("remainingTime").GetInt32()), Is.EqualTo((id, "active", 298)));
    }

    [Test]
    public async Task ARingingCallIsRecoveredByTheCallee()
    {
        using var h = new CallServiceHarness();
        var id = await h.RingAsync();
        await h.AdvanceAsync(5);

        var bob = await StateAsync(h, Bob);

        Assert.That(bob.GetProperty("you").GetRawText(), Is.EqualTo("""{"away":false,"canRejoin":false,"rejoinDeadline":null}"""));
        Assert.That((bob.GetProperty("call").GetProperty("status").GetString(), bob.GetProperty("call").GetProperty("ringDeadline").GetString()),
            Is.EqualTo(("pending", Stamp(20))));
    }
}
