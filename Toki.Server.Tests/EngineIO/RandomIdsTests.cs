using System.Buffers.Text;
using System.Collections.Concurrent;
using NUnit.Framework;
using Toki.EngineIO;

namespace Toki.Server.Tests.EngineIO;

/// <summary>The ids of sessions and sockets: 120 random bits in base64url, never handed out twice, on any thread.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class RandomIdsTests
{
    [Test]
    public void An_id_is_fifteen_random_bytes_in_base64url()
    {
        var id = RandomIds.New();

        Assert.That(id, Has.Length.EqualTo(RandomIds.Length));
        Assert.That(id, Does.Match("^[A-Za-z0-9_-]{20}$"));
        Assert.That(Base64Url.DecodeFromChars(id), Has.Length.EqualTo(15));
    }

    [Test]
    public void Ids_drawn_across_many_refills_are_all_different()
    {
        // 10,000 ids span hundreds of draws from the generator on this thread.
        var ids = Enumerable.Range(0, 10_000).Select(_ => RandomIds.New()).ToList();

        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Count));
    }

    [Test]
    public void Threads_never_get_the_same_id()
    {
        var ids = new ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 5_000; i++)
            {
                ids.Add(RandomIds.New());
            }
        });

        Assert.That(ids.Distinct().Count(), Is.EqualTo(40_000));
    }

    [Test]
    public void Ids_are_not_a_sequence()
    {
        // Every byte position takes many values over a few hundred ids: no counter, no constant part.
        var decoded = Enumerable.Range(0, 300).Select(_ => Base64Url.DecodeFromChars(RandomIds.New())).ToList();

        for (var position = 0; position < 15; position++)
        {
            Assert.That(decoded.Select(bytes => bytes[position]).Distinct().Count(), Is.GreaterThan(100), $"byte {position}");
        }
    }
}
