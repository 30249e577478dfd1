namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned <c>mongoc_write_concern_t</c>.</summary>
internal sealed class WriteConcernHandle : NativeHandle
{
    public static WriteConcernHandle Create()
    {
        var result = new WriteConcernHandle();
        result.Own(LibMongoc.WriteConcernNew(), "mongoc_write_concern_new");
        return result;
    }

    /// <summary>An owned copy of a write concern borrowed from elsewhere (e.g. a URI).</summary>
    public static WriteConcernHandle CopyOf(nint writeConcern)
    {
        var result = new WriteConcernHandle();
        result.Own(LibMongoc.WriteConcernCopy(writeConcern), "mongoc_write_concern_copy");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.WriteConcernDestroy(handle);
        return true;
    }
}
