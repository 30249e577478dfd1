namespace Toki.Server.Tests.Infrastructure;

public static class TaskTimeoutExtensions
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Fails the test instead of hanging it when an awaited operation never completes.</summary>
    public static Task<T> DefaultTimeout<T>(this Task<T> task) => task.WaitAsync(Timeout, TimeProvider.System);

    public static Task DefaultTimeout(this Task task) => task.WaitAsync(Timeout, TimeProvider.System);
}
