using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;

namespace Toki.Server.Tests.Hostile;

/// <summary>
/// A bounded, seeded FsCheck run of generated hostile events (<see cref="CallHostileInputs"/>) against every call event
/// of a real server, over the wire: each one is acknowledged with exactly its documented error code, leaves the live
/// call and every balance as they were, and nothing is logged at error level. The seed is fixed so a failure replays;
/// FsCheck prints the failing input.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.None)]
[Category(TestCategories.Functional)]
internal sealed class CallFuzzTests
{
    private const int Runs = 2000;
    private const ulong Seed = 0x70_4B_11_0C_A1_15UL;
    private const ulong Gamma = 0x9E37_79B9_7F4A_7C15UL;

    [Test]
    public async Task Thousands_of_hostile_events_get_their_documented_error_and_change_nothing()
    {
        await using var server = await CallHostileServer.StartAsync();
        var before = await server.StateAsync();
        var answered = new Dictionary<string, int>();

        var property = Prop.ForAll(CallHostileInputs.Arbitrary(), input =>
        {
            var arguments = input.Arguments.Replace("$CALL", server.CallId, StringComparison.Ordinal);
            var ack = server[input.Sender].EmitAsync(input.Event, arguments, input.Attachments).GetAwaiter().GetResult();
            var code = ack.GetProperty("ok").GetBoolean() ? "ok" : ack.GetProperty("error").GetProperty("code").GetString()!;
            Assert.That(code, Is.EqualTo(input.ExpectedCode), $"{input}: {ack.GetRawText()}");
            Assert.That(server.StateAsync().GetAwaiter().GetResult(), Is.EqualTo(before), $"{input} changed the stored state");
            answered[code] = answered.GetValueOrDefault(code) + 1;
        });
        var config = Config.QuickThrowOnFailure.WithMaxTest(Runs).WithEndSize(30).WithReplay(Seed, Gamma).WithQuietOnSuccess(true);

        // The property blocks on the wire; run it on a thread of its own rather than one the server needs.
        await Task.Factory.StartNew(() => Check.One(config, property), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        TestContext.Out.WriteLine($"answers: {string.Join(", ", answered.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}"))}");
        Assert.That(answered.Values.Sum(), Is.EqualTo(Runs));
        Assert.That(answered.Keys, Has.Count.GreaterThanOrEqualTo(8), "every kind of refusal was exercised");
        Assert.That(server.ErrorLogs, Is.Empty, "no input made the server log an error");
        Assert.That(await server.StateAsync(), Is.EqualTo(before));
    }
}
