using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>
/// libmongoc 1.23 entry points for initialization, URIs, read/write concerns, the client pool and client commands
/// (mongoc-init.h, mongoc-uri.h, mongoc-*-concern.h, mongoc-client-pool.h, mongoc-client.h, mongoc-error.h, mongoc-log.h).
/// </summary>
internal static unsafe partial class LibMongoc
{
    public const string Soname = "libmongoc-1.0.so.0";

    public const int ErrorApiVersion2 = 2;
    public const int WriteConcernWDefault = -2;
    public const int WriteConcernWMajority = -3;

    [LibraryImport(Soname, EntryPoint = "mongoc_init")]
    public static partial void Init();

    [LibraryImport(Soname, EntryPoint = "mongoc_get_major_version")]
    public static partial int GetMajorVersion();

    [LibraryImport(Soname, EntryPoint = "mongoc_get_minor_version")]
    public static partial int GetMinorVersion();

    [LibraryImport(Soname, EntryPoint = "mongoc_log_set_handler")]
    public static partial void LogSetHandler(delegate* unmanaged<int, byte*, byte*, nint, void> handler, nint userData);

    [LibraryImport(Soname, EntryPoint = "mongoc_error_has_label", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ErrorHasLabel(nint reply, string label);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_new_with_error", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint UriNewWithError(string uri, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_destroy")]
    public static partial void UriDestroy(nint uri);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_has_option", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UriHasOption(UriHandle uri, string key);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_get_option_as_bool", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UriGetOptionAsBool(UriHandle uri, string option, [MarshalAs(UnmanagedType.U1)] bool fallback);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_set_option_as_bool", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UriSetOptionAsBool(UriHandle uri, string option, [MarshalAs(UnmanagedType.U1)] bool value);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_get_option_as_int32", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UriGetOptionAsInt32(UriHandle uri, string option, int fallback);

    /// <summary>The database named in the URI's path; borrowed UTF-8 string, NULL when the path names none.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_uri_get_database")]
    public static partial nint UriGetDatabase(UriHandle uri);

    /// <summary>Borrowed UTF-8 string or NULL.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_uri_get_appname")]
    public static partial nint UriGetAppName(UriHandle uri);

    [LibraryImport(Soname, EntryPoint = "mongoc_uri_set_appname", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UriSetAppName(UriHandle uri, string appName);

    /// <summary>Borrowed; owned by the URI.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_uri_get_write_concern")]
    public static partial nint UriGetWriteConcern(UriHandle uri);

    /// <summary>Copies <paramref name="writeConcern"/> into the URI.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_uri_set_write_concern")]
    public static partial void UriSetWriteConcern(UriHandle uri, WriteConcernHandle writeConcern);

    [LibraryImport(Soname, EntryPoint = "mongoc_write_concern_new")]
    public static partial nint WriteConcernNew();

    [LibraryImport(Soname, EntryPoint = "mongoc_write_concern_copy")]
    public static partial nint WriteConcernCopy(nint writeConcern);

    [LibraryImport(Soname, EntryPoint = "mongoc_write_concern_destroy")]
    public static partial void WriteConcernDestroy(nint writeConcern);

    [LibraryImport(Soname, EntryPoint = "mongoc_write_concern_get_w")]
    public static partial int WriteConcernGetW(nint writeConcern);

    [LibraryImport(Soname, EntryPoint = "mongoc_write_concern_set_w")]
    public static partial void WriteConcernSetW(WriteConcernHandle writeConcern, int w);

    [LibraryImport(Soname, EntryPoint = "mongoc_read_concern_new")]
    public static partial nint ReadConcernNew();

    [LibraryImport(Soname, EntryPoint = "mongoc_read_concern_destroy")]
    public static partial void ReadConcernDestroy(nint readConcern);

    [LibraryImport(Soname, EntryPoint = "mongoc_read_concern_set_level", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ReadConcernSetLevel(ReadConcernHandle readConcern, string level);

    /// <summary>The pool copies the URI.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_client_pool_new_with_error")]
    public static partial nint ClientPoolNewWithError(UriHandle uri, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_pool_destroy")]
    public static partial void ClientPoolDestroy(nint pool);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_pool_set_error_api")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ClientPoolSetErrorApi(ClientPoolHandle pool, int version);

    /// <summary>Blocks while maxPoolSize clients are out; returns NULL once waitQueueTimeoutMS (if set) expires.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_client_pool_pop")]
    public static partial nint ClientPoolPop(ClientPoolHandle pool);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_pool_push")]
    public static partial void ClientPoolPush(nint pool, nint client);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_command_with_opts", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ClientCommandWithOpts(
        PooledClientHandle client, string database, BsonHandle command, nint readPrefs, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_write_command_with_opts", StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool ClientWriteCommandWithOpts(
        PooledClientHandle client, string database, BsonHandle command, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_get_collection", StringMarshalling = StringMarshalling.Utf8)]
    public static partial nint ClientGetCollection(PooledClientHandle client, string database, string collection);

    [LibraryImport(Soname, EntryPoint = "mongoc_client_start_session")]
    public static partial nint ClientStartSession(PooledClientHandle client, nint sessionOpts, ref BsonError error);
}
