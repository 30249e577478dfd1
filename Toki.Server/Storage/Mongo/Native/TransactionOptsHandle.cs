namespace Toki.Server.Storage.Mongo.Native;

/// <summary>An owned <c>mongoc_transaction_opt_t</c>.</summary>
internal sealed class TransactionOptsHandle : NativeHandle
{
    public static TransactionOptsHandle Create()
    {
        var result = new TransactionOptsHandle();
        result.Own(LibMongocSession.TransactionOptsNew(), "mongoc_transaction_opts_new");
        return result;
    }

    protected override bool ReleaseHandle()
    {
        LibMongocSession.TransactionOptsDestroy(handle);
        return true;
    }
}
