namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// A <c>mongoc_client_session_t</c>; it references its client, which must not return to the pool before the session
/// is destroyed. Destroying a session with a transaction in progress aborts that transaction.
/// </summary>
internal sealed class ClientSessionHandle : DependentNativeHandle
{
    /// <summary>Starts a session, or returns null with <paramref name="error"/> set.</summary>
    public static ClientSessionHandle? TryStart(PooledClientHandle client, ref BsonError error)
    {
        var result = new ClientSessionHandle();
        var nativeError = default(BsonError);
        var started = result.TryOwn(client, () => LibMongoc.ClientStartSession(client, IntPtr.Zero, ref nativeError));
        error = nativeError;
        return started ? result : null;
    }

    protected override void ReleaseNative() => LibMongocSession.Destroy(handle);
}
