using NUnit.Framework;
using Toki.EngineIO;
using Toki.EngineIO.Protocol;

namespace Toki.Server.Tests.EngineIO;

/// <summary>
/// The bounded per-session send queue. Each operation is "e:n,n" (enqueue one batch of frames of those byte
/// lengths, all or none), "c:n" (control frame, never refused), "d" (dequeue one) or "x" (drain all); the
/// results are "+"/"-" for enqueues, the dequeued frame's length, or the drained lengths in brackets.
/// </summary>
[Category(TestCategories.Unit)]
public sealed class SendQueueTests
{
    private static IEnumerable<TestCaseData> Operations()
    {
        yield return Case("fills to the frame bound, then refuses", 16, 1000, ["e:1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "e:1"], "+ -", 16, 16);
        yield return Case("fills to exactly the byte bound", 16, 100, ["e:60", "e:41", "e:40"], "+ - +", 2, 100);
        yield return Case("refuses a batch as a whole", 16, 100, ["e:50", "e:30,30"], "+ -", 1, 50);
        yield return Case("refuses a batch over the frame bound as a whole", 16, 1000, ["e:1,1,1,1,1,1,1,1,1,1,1,1,1,1,1", "e:1,1"], "+ -", 15, 15);
        yield return Case("control frames ignore both bounds", 16, 100, ["e:100", "c:1", "c:1", "e:1"], "+ -", 3, 102);
        yield return Case("dequeue frees room", 16, 100, ["e:100", "e:10", "d", "e:10"], "+ - 100 +", 1, 10);
        yield return Case("keeps order across the ring wrapping and growing", 16, 1000,
            ["e:1,2,3,4,5", "d", "d", "d", "e:6,7,8,9,10,11,12,13,14,15", "x"], "+ 1 2 3 + [4,5,6,7,8,9,10,11,12,13,14,15]", 0, 0);
        yield return Case("dequeue from empty", 16, 100, ["d"], "none", 0, 0);
        yield return Case("drain of empty", 16, 100, ["x"], "[]", 0, 0);
        yield return Case("control then data keep their order", 16, 100, ["c:2", "e:5", "c:1", "x"], "+ [2,5,1]", 0, 0);
        yield return Case("empty batch is accepted", 16, 100, ["e:"], "+", 0, 0);
    }

    [TestCaseSource(nameof(Operations))]
    public void AppliesTheBounds(int maxFrames, long maxBytes, string[] operations, string expected, int count, long bytes)
    {
        var queue = new SendQueue(maxFrames, maxBytes);
        var results = new List<string>();

        foreach (var operation in operations)
        {
            var (verb, argument) = (operation[0], operation.Length > 2 ? operation[2..] : "");
            switch (verb)
            {
                case 'e':
                    var frames = argument.Length == 0 ? [] : argument.Split(',').Select(n => Frame(int.Parse(n))).ToArray();
                    results.Add(queue.TryEnqueue(frames) ? "+" : "-");
                    break;
                case 'c':
                    queue.EnqueueControl(Frame(int.Parse(argument)));
                    break;
                case 'd':
                    results.Add(queue.TryDequeue(out var frame) ? frame.Bytes.Length.ToString() : "none");
                    break;
                case 'x':
                    results.Add("[" + string.Join(",", queue.DrainAll().Select(f => f.Bytes.Length)) + "]");
                    break;
            }
        }

        Assert.That(string.Join(" ", results), Is.EqualTo(expected));
        Assert.That(queue.Count, Is.EqualTo(count));
        Assert.That(queue.Bytes, Is.EqualTo(bytes));
    }

    [Test]
    public void ClearForgetsEverything()
    {
        var queue = new SendQueue(16, 100);
        queue.TryEnqueue([Frame(10), Frame(20)]);

        queue.Clear();

        Assert.That(queue.Count, Is.Zero);
        Assert.That(queue.Bytes, Is.Zero);
        Assert.That(queue.TryDequeue(out _), Is.False);
        Assert.That(queue.TryEnqueue([Frame(100)]), Is.True);
    }

    private static EngineFrame Frame(int length) => EngineFrame.Binary(new byte[length]);

    private static TestCaseData Case(string name, int maxFrames, long maxBytes, string[] operations, string expected, int count, long bytes) =>
        new TestCaseData(maxFrames, maxBytes, operations, expected, count, bytes).SetName(name);
}
