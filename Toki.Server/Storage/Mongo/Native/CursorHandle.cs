namespace Toki.Server.Storage.Mongo.Native;

/// <summary>A <c>mongoc_cursor_t</c> from a collection; it references the collection (and so the client).</summary>
internal sealed class CursorHandle : DependentNativeHandle
{
    public static CursorHandle Find(CollectionHandle collection, BsonHandle filter, BsonHandle opts)
    {
        var result = new CursorHandle();
        if (!result.TryOwn(collection, () => LibMongocCollection.FindWithOpts(collection, filter, opts, IntPtr.Zero)))
        {
            throw new InvalidOperationException("mongoc_collection_find_with_opts returned NULL.");
        }

        return result;
    }

    protected override void ReleaseNative() => LibMongocCollection.CursorDestroy(handle);
}
