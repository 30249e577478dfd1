using StackExchange.Redis;
using Toki.SocketIO.Redis.Codec;

namespace Toki.SocketIO.Redis.Transport;

/// <summary>
/// Adds entries to the cluster stream and runs each one's continuation (local delivery with the entry id as offset)
/// in the order the entries were added: commands are issued under one lock, so Redis assigns ids in that order, and
/// completions are drained from the head of a queue, so no later entry is delivered before an earlier one.
/// </summary>
internal sealed class StreamPublisher(RedisCluster cluster)
{
    private readonly Lock _gate = new();
    private readonly Queue<Pending> _queue = new();
    private bool _draining;

    public Task AddAsync(StreamsCodec.Entry entry, Action<string?>? onPublished)
    {
        var fields = entry.Data is null
            ? new NameValueEntry[] { new("uid", entry.Uid), new("nsp", entry.Namespace), new("type", entry.Type) }
            : [new("uid", entry.Uid), new("nsp", entry.Namespace), new("type", entry.Type), new("data", entry.Data)];
        var options = cluster.Options;
        Pending pending;
        lock (_gate)
        {
            var add = cluster.Database.StreamAddAsync(options.StreamName, fields, maxLength: options.StreamMaxLength, useApproximateMaxLength: true);
            pending = new Pending(add, onPublished);
            _queue.Enqueue(pending);
        }
        pending.Add.ContinueWith(static (_, state) => ((StreamPublisher)state!).Drain(), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return pending.Done.Task;
    }

    private void Drain()
    {
        lock (_gate)
        {
            if (_draining)
            {
                return;
            }
            _draining = true;
        }
        while (true)
        {
            Pending next;
            lock (_gate)
            {
                if (_queue.Count == 0 || !_queue.Peek().Add.IsCompleted)
                {
                    _draining = false;
                    return;
                }
                next = _queue.Dequeue();
            }
            try
            {
                next.Complete();
            }
            catch (Exception exception)
            {
                RedisCluster.Log.HandlingFailed(cluster.Logger, "stream", "*", "self", exception);
            }
        }
    }

    private sealed class Pending(Task<RedisValue> add, Action<string?>? onPublished)
    {
        public Task<RedisValue> Add { get; } = add;

        // Whoever awaits an emit resumes on the thread pool, never on the thread that drains the queue.
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete()
        {
            var offset = Add.IsCompletedSuccessfully ? Add.Result.ToString() : null;
            try
            {
                onPublished?.Invoke(offset);
            }
            finally
            {
                if (Add.IsCompletedSuccessfully)
                {
                    Done.TrySetResult();
                }
                else
                {
                    Done.TrySetException(Add.Exception?.InnerException ?? new RedisException("XADD was cancelled"));
                }
            }
        }
    }
}
