using System.Text.Json;
using Microsoft.Extensions.Logging;
using NLog;
using NLog.Extensions.Logging;
using NUnit.Framework;
using Toki.Calls.Domain;
using Toki.Calls.Ports;
using Toki.Server.Audit;
using Toki.Server.Hosting;

namespace Toki.Server.Tests.Hosting;

/// <summary>The call audit log through the server's NLog configuration: its own target, one JSON line per transition.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class CallAuditLogTests
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static CallRecord Call(CallStatus status, long version) => new()
    {
        Id = "c1",
        CallerId = "alice",
        CalleeId = "bob",
        CallerName = "Alice",
        CalleeName = "Bob",
        Type = CallType.Video,
        Status = status,
        CreatedAt = T0,
        DurationLimitSec = 300,
        RatePerMinute = 10,
        Version = version,
    };

    [Test]
    public void Audit_lines_go_to_their_own_file_as_json_and_nowhere_else()
    {
        var directory = Directory.CreateTempSubdirectory("toki-audit-");
        var factory = new LogFactory();
        try
        {
            var config = LoggingSetup.Configure("${logger}|${message}", "audit/calls.jsonl", directory.FullName, factory);
            factory.Configuration = config;
            using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new NLogLoggerProvider(new NLogProviderOptions(), factory)));
            var audit = new CallAuditLog(loggers);
            var previous = Call(CallStatus.Active, 4) with { ActiveMs = 0, LastResumedAt = T0 };
            var ended = Call(CallStatus.Ended, 5) with
            {
                EndReason = "hung_up", EndedBy = "bob", ActiveMs = 14_200, BilledSeconds = 15, CoinsCharged = 3, HoldCoins = 50,
            };
            var decision = new EndDecision("c1", "bob", "end-permanent", CallStatus.Active, 285_800, false, false, "hard", "hung_up");
            LedgerEntry[] ledger =
            [
                new("c1", LedgerKind.Release, "alice", 50, T0), new("c1", LedgerKind.Charge, "alice", 3, T0), new("c1", LedgerKind.Earn, "bob", 3, T0),
            ];

            audit.OnTransition(new CallTransition(null, Call(CallStatus.Pending, 1), "request", "user", "alice", null, [], T0));
            audit.OnTransition(new CallTransition(previous, ended, "end-permanent", "user", "bob", decision, ledger, T0.AddSeconds(20)));
            loggers.CreateLogger("Toki.Calls.Service.CallService").LogInformation("not an audit line");
            factory.Flush();

            var lines = File.ReadAllLines(Path.Combine(directory.FullName, "audit", "calls.jsonl"));
            Assert.That(lines, Has.Length.EqualTo(2));
            var first = JsonDocument.Parse(lines[0]).RootElement;
            var last = JsonDocument.Parse(lines[1]).RootElement;
            using (Assert.EnterMultipleScope())
            {
                Assert.That(first.GetProperty("event").GetString(), Is.EqualTo("call_transition"));
                Assert.That(first.GetProperty("From").GetString(), Is.EqualTo("none"));
                Assert.That(first.GetProperty("To").GetString(), Is.EqualTo("pending"));
                Assert.That(last.GetProperty("CallId").GetString(), Is.EqualTo("c1"));
                Assert.That(last.GetProperty("From").GetString(), Is.EqualTo("active"));
                Assert.That(last.GetProperty("To").GetString(), Is.EqualTo("ended"));
                Assert.That(last.GetProperty("Version").GetInt64(), Is.EqualTo(5));
                Assert.That(last.GetProperty("Action").GetString(), Is.EqualTo("end-permanent"));
                Assert.That(last.GetProperty("ActorKind").GetString(), Is.EqualTo("user"));
                Assert.That(last.GetProperty("ActorId").GetString(), Is.EqualTo("bob"));
                Assert.That(last.GetProperty("Reason").GetString(), Is.EqualTo("hung_up"));
                Assert.That(last.GetProperty("Trigger").GetString(), Is.EqualTo("end-permanent"));
                Assert.That(last.GetProperty("Verdict").GetString(), Is.EqualTo("hard"));
                Assert.That(last.GetProperty("RemainingMs").GetInt64(), Is.EqualTo(285_800));
                Assert.That(last.GetProperty("RejoinUsed").GetBoolean(), Is.False);
                Assert.That(last.GetProperty("BilledSeconds").GetInt32(), Is.EqualTo(15));
                Assert.That(last.GetProperty("CoinsCharged").GetInt64(), Is.EqualTo(3));
                Assert.That(last.GetProperty("Ledger").GetString(), Is.EqualTo("release:alice:50,charge:alice:3,earn:bob:3"));
                Assert.That(last.GetProperty("At").GetString(), Is.EqualTo("2030-01-01T10:00:20.0000000Z"));
            }
        }
        finally
        {
            factory.Shutdown();
            directory.Delete(recursive: true);
        }
    }
}
