namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// An owned <c>mongoc_client_pool_t</c>. Every <see cref="PooledClientHandle"/> references it, so the pool is
/// destroyed only after the last client is back, as libmongoc requires.
/// </summary>
internal sealed class ClientPoolHandle : NativeHandle
{
    public static ClientPoolHandle Own(nint pool)
    {
        var result = new ClientPoolHandle();
        result.Own(pool, "mongoc_client_pool_new_with_error");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.ClientPoolDestroy(handle);
        return true;
    }
}
