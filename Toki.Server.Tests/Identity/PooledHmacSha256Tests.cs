using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Toki.Server.Identity;

namespace Toki.Server.Tests.Identity;

/// <summary>The reused HMAC contexts give exactly the one-shot MAC, call after call and from many threads at once.</summary>
[TestFixture]
[Category(TestCategories.Unit)]
internal sealed class PooledHmacSha256Tests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(TestJwt.Secret);

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(63)]
    [TestCase(64)]
    [TestCase(65)]
    [TestCase(200)]
    [TestCase(8 * 1024)]
    public void Matches_the_one_shot_mac_again_and_again(int length)
    {
        var mac = new PooledHmacSha256(Key);
        var data = Data(length, seed: length);

        for (var i = 0; i < 3; i++)
        {
            Assert.That(Compute(mac, data), Is.EqualTo(HMACSHA256.HashData(Key, data)), $"use {i + 1}");
        }
    }

    [Test]
    public void A_context_carries_nothing_over_to_the_next_input()
    {
        var mac = new PooledHmacSha256(Key);
        var first = Data(100, seed: 1);
        var second = Data(100, seed: 2);

        Compute(mac, first);

        Assert.That(Compute(mac, second), Is.EqualTo(HMACSHA256.HashData(Key, second)));
    }

    [Test]
    public void The_key_is_copied_so_changing_the_callers_array_changes_nothing()
    {
        var key = (byte[])Key.Clone();
        var mac = new PooledHmacSha256(key);
        key[0] ^= 0xFF;
        var data = Data(50, seed: 3);

        Assert.That(Compute(mac, data), Is.EqualTo(HMACSHA256.HashData(Key, data)));
    }

    [Test]
    public void Concurrent_computations_never_share_a_context()
    {
        var mac = new PooledHmacSha256(Key);
        var inputs = Enumerable.Range(0, 4000).Select(i => Data(20 + i % 300, seed: i)).ToArray();
        var expected = inputs.Select(input => HMACSHA256.HashData(Key, input)).ToArray();
        var wrong = 0;

        Parallel.For(0, inputs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            if (!Compute(mac, inputs[i]).AsSpan().SequenceEqual(expected[i]))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.That(wrong, Is.Zero);
    }

    [Test]
    public void Refuses_a_destination_too_small_for_the_mac()
    {
        var mac = new PooledHmacSha256(Key);

        Assert.Throws<ArgumentOutOfRangeException>(() => mac.Compute([1, 2, 3], new byte[PooledHmacSha256.HashBytes - 1]));
    }

    private static byte[] Compute(PooledHmacSha256 mac, byte[] data)
    {
        var destination = new byte[PooledHmacSha256.HashBytes];
        mac.Compute(data, destination);
        return destination;
    }

    private static byte[] Data(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
