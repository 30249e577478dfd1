using System.Collections.Concurrent;
using System.Text;
using Toki.EngineIO;

namespace Toki.Server.Tests.EngineIO.Support;

/// <summary>An Engine.IO application that records what each session receives and why it closed.</summary>
public sealed class RecordingEngineHandler : IEngineIOHandler
{
    public ConcurrentDictionary<string, Session> Sessions { get; } = new();

    public IEngineIOSessionHandler OnOpen(EngineIOSession session) => Sessions[session.Id] = new Session(session);

    public sealed class Session(EngineIOSession session) : IEngineIOSessionHandler
    {
        private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public EngineIOSession Engine { get; } = session;

        /// <summary>Text messages as received, binary ones as "b:" and hex.</summary>
        public ConcurrentQueue<string> Messages { get; } = new();

        /// <summary>Completes with "reason (description)" when the session closes.</summary>
        public Task<string> Closed => _closed.Task;

        public void OnMessage(ReadOnlySpan<byte> utf8) => Messages.Enqueue(Encoding.UTF8.GetString(utf8));

        public void OnBinaryMessage(ReadOnlySpan<byte> data) => Messages.Enqueue("b:" + Convert.ToHexStringLower(data));

        public void OnClose(EngineCloseReason reason, string? description)
        {
            if (!_closed.TrySetResult($"{reason.ToWireString()} ({description})"))
            {
                throw new InvalidOperationException("OnClose called twice");
            }
        }
    }
}
