namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned <c>mongoc_uri_t</c>.</summary>
internal sealed class UriHandle : NativeHandle
{
    public static UriHandle Own(nint uri)
    {
        var result = new UriHandle();
        result.Own(uri, "mongoc_uri_new_with_error");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongoc.UriDestroy(handle);
        return true;
    }
}
