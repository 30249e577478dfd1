using Toki.EngineIO.Protocol;

namespace Toki.EngineIO;

/// <summary>
/// The frames waiting to go out on one session, bounded by count and bytes so that a slow consumer can be
/// detected instead of growing memory. Not thread-safe: the owning session guards it with its lock.
/// The ring is allocated on first use and can be released when empty, so an idle session holds no buffer.
/// </summary>
internal sealed class SendQueue
{
    private const int InitialCapacity = 8;
    private readonly int _maxFrames;
    private readonly long _maxBytes;
    private EngineFrame[]? _ring;
    private int _head;
    private int _count;
    private long _bytes;

    public SendQueue(int maxFrames, long maxBytes)
    {
        _maxFrames = maxFrames;
        _maxBytes = maxBytes;
    }

    public int Count => _count;

    public long Bytes => _bytes;

    /// <summary>Adds the frames, all or none; false when that would exceed a bound.</summary>
    public bool TryEnqueue(ReadOnlySpan<EngineFrame> frames)
    {
        long added = 0;
        foreach (var frame in frames)
        {
            added += frame.Bytes.Length;
        }
        if (_count + frames.Length > _maxFrames || _bytes + added > _maxBytes)
        {
            return false;
        }
        EnsureCapacity(_count + frames.Length);
        foreach (var frame in frames)
        {
            _ring![(_head + _count) % _ring.Length] = frame;
            _count++;
        }
        _bytes += added;
        return true;
    }

    /// <summary>Adds a control frame regardless of the bounds (a ping or a close must never be refused).</summary>
    public void EnqueueControl(EngineFrame frame)
    {
        EnsureCapacity(_count + 1);
        _ring![(_head + _count) % _ring.Length] = frame;
        _count++;
        _bytes += frame.Bytes.Length;
    }

    public bool TryDequeue(out EngineFrame frame)
    {
        if (_count == 0)
        {
            frame = default;
            return false;
        }
        frame = _ring![_head];
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
        _bytes -= frame.Bytes.Length;
        if (_count == 0)
        {
            ReleaseIfLarge();
        }
        return true;
    }

    public EngineFrame[] DrainAll()
    {
        var frames = new EngineFrame[_count];
        for (var i = 0; i < frames.Length; i++)
        {
            TryDequeue(out frames[i]);
        }
        return frames;
    }

    /// <summary>Drops the ring if nothing is queued (it is allocated again on the next send).</summary>
    public void ReleaseIfEmpty()
    {
        if (_count == 0)
        {
            _ring = null;
            _head = 0;
        }
    }

    public void Clear()
    {
        _ring = null;
        _head = 0;
        _count = 0;
        _bytes = 0;
    }

    private void EnsureCapacity(int needed)
    {
        if (_ring is null)
        {
            _ring = new EngineFrame[Math.Max(InitialCapacity, needed)];
            _head = 0;
            return;
        }
        if (needed <= _ring.Length)
        {
            return;
        }
        var grown = new EngineFrame[Math.Max(_ring.Length * 2, needed)];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _ring[(_head + i) % _ring.Length];
        }
        _ring = grown;
        _head = 0;
    }

    // A burst can grow the ring; give the memory back once it has drained so idle sessions stay small.
    private void ReleaseIfLarge()
    {
        if (_ring is { Length: > 64 })
        {
            _ring = null;
        }
        _head = 0;
    }
}
