namespace Toki.Server.Storage.Mongo.Native;

/// <summary>A heap <c>bson_t</c> created here (<c>bson_new_from_data</c>, <c>bson_new_from_json</c>); released with <c>bson_destroy</c>.</summary>
internal sealed class BsonHandle : NativeHandle
{
    public static BsonHandle Own(nint bson)
    {
        var result = new BsonHandle();
        result.Own(bson, "a new bson_t");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibBson.Destroy(handle);
        return true;
    }
}
