namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned <c>mongoc_read_concern_t</c>.</summary>
internal sealed class ReadConcernHandle : NativeHandle
{
    public static ReadConcernHandle Create()
    {
        var result = new ReadConcernHandle();
        result.Own(LibMongoc.ReadConcernNew(), "mongoc_read_concern_new");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.ReadConcernDestroy(handle);
        return true;
    }
}
