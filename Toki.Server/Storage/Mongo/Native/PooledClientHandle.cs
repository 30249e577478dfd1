namespace Toki.Server.Storage.Mongo.Native;

/// <summary>A <c>mongoc_client_t</c> popped from a pool; releasing it pushes it back to that pool.</summary>
internal sealed class PooledClientHandle : DependentNativeHandle
{
    /// <summary>Pops a client, or returns null when the pool's waitQueueTimeoutMS expired first.</summary>
    public static PooledClientHandle? TryPop(ClientPoolHandle pool)
    {
        var result = new PooledClientHandle();
        return result.TryOwn(pool, () => LibMongoc.ClientPoolPop(pool)) ? result : null;
    }

    protected override void ReleaseNative() => LibMongoc.ClientPoolPush(ParentPointer, handle);
}
