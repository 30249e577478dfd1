namespace Toki.Server.Storage.Mongo.Native;

/// <summary>A <c>mongoc_collection_t</c>; it references its client, which therefore outlives it.</summary>
internal sealed class CollectionHandle : DependentNativeHandle
{
    public static CollectionHandle Get(PooledClientHandle client, string database, string collection)
    {
        var result = new CollectionHandle();
        if (!result.TryOwn(client, () => LibMongoc.ClientGetCollection(client, database, collection)))
        {
            throw new InvalidOperationException($"mongoc_client_get_collection returned NULL for {database}.{collection}.");
        }

        return result;
    }

    protected override void ReleaseNative() => LibMongocCollection.Destroy(handle);
}
