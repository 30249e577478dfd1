using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>libmongoc 1.23 client session and transaction entry points (mongoc-client-session.h).</summary>
internal static unsafe partial class LibMongocSession
{
    private const string Soname = LibMongoc.Soname;

    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_destroy")]
    public static partial void Destroy(nint session);

    /// <summary>Appends <c>sessionId</c> to an appendable <c>bson_t</c> of operation options.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_append")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool Append(ClientSessionHandle session, BsonHandle opts, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_start_transaction")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool StartTransaction(ClientSessionHandle session, TransactionOptsHandle opts, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_in_transaction")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool InTransaction(ClientSessionHandle session);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_commit_transaction")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CommitTransaction(ClientSessionHandle session, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_session_abort_transaction")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool AbortTransaction(ClientSessionHandle session, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_transaction_opts_new")]
    public static partial nint TransactionOptsNew();

    [LibraryImport(Soname, EntryPoint = "mongoc_transaction_opts_destroy")]
    public static partial void TransactionOptsDestroy(nint opts);

    /// <summary>Copies the read concern.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_transaction_opts_set_read_concern")]
    public static partial void TransactionOptsSetReadConcern(TransactionOptsHandle opts, ReadConcernHandle readConcern);

    /// <summary>Copies the write concern.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_transaction_opts_set_write_concern")]
    public static partial void TransactionOptsSetWriteConcern(TransactionOptsHandle opts, WriteConcernHandle writeConcern);
}
