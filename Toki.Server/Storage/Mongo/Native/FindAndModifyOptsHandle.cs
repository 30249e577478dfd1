namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned <c>mongoc_find_and_modify_opts_t</c>.</summary>
internal sealed class FindAndModifyOptsHandle : NativeHandle
{
    public static FindAndModifyOptsHandle Create()
    {
        var result = new FindAndModifyOptsHandle();
        result.Own(LibMongocCollection.FindAndModifyOptsNew(), "mongoc_find_and_modify_opts_new");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongocCollection.FindAndModifyOptsDestroy(handle);
        return true;
    }
}
