using System.Security.Cryptography;
using Microsoft.Extensions.ObjectPool;

namespace Toki.Server.Identity;

/// <summary>
/// HMAC-SHA256 with one fixed key over reused contexts. The one-shot <see cref="HMACSHA256.HashData(byte[], byte[])"/>
/// sets a new native context up for every token (on OpenSSL 3 a provider lookup, then the key schedule), which cost
/// more than hashing the token itself; a context here is keyed once and only reset between uses. Thread-safe: each
/// computation has a context of its own for its duration.
/// </summary>
internal sealed class PooledHmacSha256
{
    public const int HashBytes = 32;

    private readonly ObjectPool<IncrementalHash> _contexts;

    public PooledHmacSha256(byte[] key)
    {
        _contexts = new DefaultObjectPool<IncrementalHash>(new ContextPolicy((byte[])key.Clone()));
    }

    /// <summary>Writes the MAC of <paramref name="data"/> into the first <see cref="HashBytes"/> of <paramref name="destination"/>.</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HashBytes);
        var context = _contexts.Get();
        var reusable = false;
        try
        {
            context.AppendData(data);
            context.GetHashAndReset(destination);
            reusable = true;
        }
        finally
        {
            // A context that failed half-way may hold part of an input: it is never handed out again.
            if (reusable)
            {
                _contexts.Return(context);
            }
            else
            {
                context.Dispose();
            }
        }
    }

    private sealed class ContextPolicy(byte[] key) : PooledObjectPolicy<IncrementalHash>
    {
        public override IncrementalHash Create() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

        // GetHashAndReset left it keyed and empty.
        public override bool Return(IncrementalHash context) => true;
    }
}
