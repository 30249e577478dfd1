using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Tasks.Sources;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>
/// A pipe writer whose flushes lose a race on purpose: each flush reports itself pending when first asked, then
/// complete when asked again, as a real flush does when the transport drains it between the two looks.
/// </summary>
internal sealed class RacingFlushPipeWriter : PipeWriter, IValueTaskSource<FlushResult>
{
    private readonly ArrayBufferWriter<byte> _written = new();
    private int _statusQueries;

    public int Flushes { get; private set; }

    public ReadOnlySpan<byte> Written => _written.WrittenSpan;

    public override void Advance(int bytes) => _written.Advance(bytes);

    public override Memory<byte> GetMemory(int sizeHint = 0) => _written.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => _written.GetSpan(sizeHint);

    public override void CancelPendingFlush()
    {
    }

    public override void Complete(Exception? exception = null)
    {
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Flushes++;
        _statusQueries = 0;
        return new ValueTask<FlushResult>(this, 0);
    }

    public ValueTaskSourceStatus GetStatus(short token) =>
        Interlocked.Increment(ref _statusQueries) == 1 ? ValueTaskSourceStatus.Pending : ValueTaskSourceStatus.Succeeded;

    public FlushResult GetResult(short token) => new(isCanceled: false, isCompleted: false);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        ThreadPool.QueueUserWorkItem(continuation, state, preferLocal: false);
}
