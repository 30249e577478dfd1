using NUnit.Framework;
using Toki.Server.Hosting.Memory;

namespace Toki.Server.Tests.Hosting;

[TestFixture]
[Category(TestCategories.Unit)]
public sealed class TrimmingMemoryPoolTests
{
    [Test]
    public void Rents_whole_blocks_and_reuses_the_ones_returned()
    {
        using var pool = new TrimmingMemoryPool();
        var first = pool.Rent();
        Assert.That(first.Memory.Length, Is.EqualTo(TrimmingMemoryPool.BlockSize));
        first.Memory.Span[0] = 42;
        first.Dispose();
        Assert.That(pool.FreeCount, Is.EqualTo(1));

        using var second = pool.Rent(100);
        Assert.That(second, Is.SameAs(first));
        Assert.That(pool.FreeCount, Is.Zero);
    }

    [Test]
    public void Refuses_a_buffer_larger_than_a_block_and_rents_nothing_once_disposed()
    {
        var pool = new TrimmingMemoryPool();
        Assert.That(() => pool.Rent(TrimmingMemoryPool.BlockSize + 1), Throws.InstanceOf<ArgumentOutOfRangeException>());
        var block = pool.Rent();
        pool.Dispose();
        Assert.That(() => pool.Rent(), Throws.InstanceOf<ObjectDisposedException>());
        block.Dispose();
        Assert.That(pool.FreeCount, Is.Zero, "a block returned after disposal is dropped");
    }

    [Test]
    public void A_trim_lets_go_of_exactly_the_blocks_no_one_needed_since_the_previous_trim()
    {
        using var pool = new TrimmingMemoryPool();
        // A burst: ten blocks out at once, then all back.
        var burst = Enumerable.Range(0, 10).Select(_ => pool.Rent()).ToList();
        burst.ForEach(block => block.Dispose());
        Assert.That(pool.Trim(), Is.Zero, "the burst used all ten during this interval");
        Assert.That(pool.FreeCount, Is.EqualTo(10));

        // The next interval never has more than three out at a time: seven were not needed.
        for (var round = 0; round < 5; round++)
        {
            var some = Enumerable.Range(0, 3).Select(_ => pool.Rent()).ToList();
            some.ForEach(block => block.Dispose());
        }
        Assert.That(pool.Trim(), Is.EqualTo(7));
        Assert.That(pool.FreeCount, Is.EqualTo(3));

        // A quiet interval: the rest goes.
        Assert.That(pool.Trim(), Is.EqualTo(3));
        Assert.That(pool.FreeCount, Is.Zero);
        Assert.That(pool.Trim(), Is.Zero);
    }

    [Test]
    public void A_trim_never_takes_a_block_that_is_rented()
    {
        using var pool = new TrimmingMemoryPool();
        var held = pool.Rent();
        pool.Rent().Dispose();
        pool.Trim();
        pool.Trim();
        Assert.That(pool.FreeCount, Is.Zero);
        held.Memory.Span.Fill(7);
        held.Dispose();
        Assert.That(pool.FreeCount, Is.EqualTo(1));
        using var again = pool.Rent();
        Assert.That(again.Memory.Span[0], Is.EqualTo(7), "the same block came back, untouched by the trims");
    }

    [Test]
    public void The_factory_trims_every_pool_it_created_until_it_is_disposed()
    {
        var factory = new TrimmingMemoryPoolFactory();
        var first = factory.Create();
        using var second = factory.Create();
        first.Rent().Dispose();
        second.Rent().Dispose();
        factory.Trim();
        Assert.That(factory.Trim(), Is.EqualTo(2L * TrimmingMemoryPool.BlockSize));

        first.Rent().Dispose();
        first.Dispose();
        second.Rent().Dispose();
        factory.Trim();
        Assert.That(factory.Trim(), Is.EqualTo(TrimmingMemoryPool.BlockSize), "the disposed pool is no longer trimmed");
    }
}
