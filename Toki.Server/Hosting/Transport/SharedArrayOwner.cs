using System.Buffers;

namespace Toki.Server.Hosting.Transport;

/// <summary>A buffer larger than a pool block (an application asking <c>GetMemory</c> for more), from the shared array pool.</summary>
internal sealed class SharedArrayOwner(int size) : IMemoryOwner<byte>
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(size);

    public Memory<byte> Memory => _array ?? throw new ObjectDisposedException(nameof(SharedArrayOwner));

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
