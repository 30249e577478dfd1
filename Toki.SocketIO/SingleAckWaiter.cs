namespace Toki.SocketIO;

/// <summary>The waiter of one <see cref="SocketIOSocket.EmitWithAckAsync"/>.</summary>
internal sealed class SingleAckWaiter : IAckWaiter
{
    private readonly TaskCompletionSource<SocketIOArgs> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<SocketIOArgs> Response => _completion.Task;

    public bool Complete(SocketIOArgs args) => _completion.TrySetResult(args);

    public void Fail(string reason) => _completion.TrySetException(new SocketIODisconnectedException(reason));
}
