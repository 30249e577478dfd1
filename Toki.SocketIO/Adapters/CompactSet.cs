namespace Toki.SocketIO;

/// <summary>
/// A set stored in an <see cref="object"/> slot as small as its size allows: null when empty, the member itself
/// when alone, an exact array up to <see cref="ArrayLimit"/> members, a <see cref="HashSet{T}"/> beyond. Most rooms
/// have one member (each socket's own room, a user's room) and most sockets are in a couple of rooms, where a hash
/// set would cost several times the members it holds. Not thread-safe.
/// </summary>
internal static class CompactSet<T>
    where T : class
{
    private const int ArrayLimit = 8;

    /// <summary>Adds <paramref name="item"/>; false when it was already there.</summary>
    public static bool Add(ref object? slot, T item, IEqualityComparer<T> comparer)
    {
        switch (slot)
        {
            case null:
                slot = item;
                return true;
            case T single:
                if (comparer.Equals(single, item))
                {
                    return false;
                }
                slot = new[] { single, item };
                return true;
            case T[] array:
                if (IndexOf(array, item, comparer) >= 0)
                {
                    return false;
                }
                if (array.Length < ArrayLimit)
                {
                    slot = (T[])[.. array, item];
                    return true;
                }
                slot = new HashSet<T>(array, comparer) { item };
                return true;
            default:
                return ((HashSet<T>)slot).Add(item);
        }
    }

    /// <summary>Removes <paramref name="item"/>; false when it was not there. The slot is null once the set is empty.</summary>
    public static bool Remove(ref object? slot, T item, IEqualityComparer<T> comparer)
    {
        switch (slot)
        {
            case null:
                return false;
            case T single:
                if (!comparer.Equals(single, item))
                {
                    return false;
                }
                slot = null;
                return true;
            case T[] array:
                var index = IndexOf(array, item, comparer);
                if (index < 0)
                {
                    return false;
                }
                slot = array.Length == 2 ? array[1 - index] : (T[])[.. array[..index], .. array[(index + 1)..]];
                return true;
            default:
                var set = (HashSet<T>)slot;
                if (!set.Remove(item))
                {
                    return false;
                }
                if (set.Count <= ArrayLimit)
                {
                    slot = set.Count == 1 ? set.First() : set.ToArray();
                }
                return true;
        }
    }

    public static bool Contains(object? slot, T item, IEqualityComparer<T> comparer) => slot switch
    {
        null => false,
        T single => comparer.Equals(single, item),
        T[] array => IndexOf(array, item, comparer) >= 0,
        _ => ((HashSet<T>)slot).Contains(item),
    };

    public static Enumerable Enumerate(object? slot) => new(slot);

    private static int IndexOf(T[] array, T item, IEqualityComparer<T> comparer)
    {
        for (var i = 0; i < array.Length; i++)
        {
            if (comparer.Equals(array[i], item))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>A foreach-able view of a slot, allocation-free.</summary>
    public readonly struct Enumerable(object? slot)
    {
        public Enumerator GetEnumerator() => new(slot);
    }

    public struct Enumerator
    {
        private readonly object? _slot;
        private HashSet<T>.Enumerator _set;
        private int _index;

        public Enumerator(object? slot)
        {
            _slot = slot;
            _index = -1;
            _set = slot is HashSet<T> set ? set.GetEnumerator() : default;
        }

        public T Current { get; private set; } = null!;

        public bool MoveNext()
        {
            switch (_slot)
            {
                case null:
                    return false;
                case T single:
                    if (_index >= 0)
                    {
                        return false;
                    }
                    _index = 0;
                    Current = single;
                    return true;
                case T[] array:
                    if (++_index >= array.Length)
                    {
                        return false;
                    }
                    Current = array[_index];
                    return true;
                default:
                    if (!_set.MoveNext())
                    {
                        return false;
                    }
                    Current = _set.Current;
                    return true;
            }
        }
    }
}
