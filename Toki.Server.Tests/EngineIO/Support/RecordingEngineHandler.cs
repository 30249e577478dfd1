using System.Collections.Concurrent;
using System.Text;
using Toki.EngineIO;
using Toki.Server.Tests.Infrastructure;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>An Engine.IO application that records what each session receives and why it closed.</summary>
public sealed class RecordingEngineHandler : IEngineIOHandler
{
    public ConcurrentDictionary<string, Session> Sessions { get; } = new();

    public IEngineIOSessionHandler OnOpen(EngineIOSession session) => Sessions[session.Id] = new Session(session);

    public sealed class Session(EngineIOSession session) : IEngineIOSessionHandler
    {
        private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly SemaphoreSlim _arrivals = new(0);

        public EngineIOSession Engine { get; } = session;

        /// <summary>Text messages as received, binary ones as "b:" and hex.</summary>
        public ConcurrentQueue<string> Messages { get; } = new();

        /// <summary>Completes with "reason (description)" when the session closes.</summary>
        public Task<string> Closed => _closed.Task;

        public void OnMessage(ReadOnlySpan<byte> utf8) => Arrive(Encoding.UTF8.GetString(utf8));

        public void OnBinaryMessage(ReadOnlySpan<byte> data) => Arrive("b:" + Convert.ToHexStringLower(data));

        /// <summary>Completes once <paramref name="count"/> more messages have arrived since the last wait.</summary>
        public async Task WaitForMessagesAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                if (!await _arrivals.WaitAsync(TaskTimeoutExtensions.Timeout))
                {
                    throw new TimeoutException("no message arrived");
                }
            }
        }

        private void Arrive(string message)
        {
            Messages.Enqueue(message);
            _arrivals.Release();
        }

        public void OnClose(EngineCloseReason reason, string? description)
        {
            if (!_closed.TrySetResult($"{reason.ToWireString()} ({description})"))
            {
                throw new InvalidOperationException("OnClose called twice");
            }
        }
    }
}
