using System.Runtime.InteropServices;

namespace Toki.Server.Storage.Mongo.Native;

/// <summary>libmongoc 1.23 collection, cursor and find-and-modify entry points (mongoc-collection.h, mongoc-cursor.h, mongoc-find-and-modify.h).</summary>
internal static unsafe partial class LibMongocCollection
{
    private const string Soname = LibMongoc.Soname;

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_destroy")]
    public static partial void Destroy(nint collection);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_insert_one")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool InsertOne(CollectionHandle collection, BsonHandle document, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_update_one")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UpdateOne(
        CollectionHandle collection, BsonHandle selector, BsonHandle update, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_update_many")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool UpdateMany(
        CollectionHandle collection, BsonHandle selector, BsonHandle update, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_delete_one")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool DeleteOne(CollectionHandle collection, BsonHandle selector, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_delete_many")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool DeleteMany(CollectionHandle collection, BsonHandle selector, BsonHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_find_with_opts")]
    public static partial nint FindWithOpts(CollectionHandle collection, BsonHandle filter, BsonHandle opts, nint readPrefs);

    [LibraryImport(Soname, EntryPoint = "mongoc_collection_find_and_modify_with_opts")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyWithOpts(
        CollectionHandle collection, BsonHandle query, FindAndModifyOptsHandle opts, BsonReplyHandle reply, ref BsonError error);

    [LibraryImport(Soname, EntryPoint = "mongoc_cursor_destroy")]
    public static partial void CursorDestroy(nint cursor);

    /// <summary>The document is borrowed and valid until the next call on the cursor.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_cursor_next")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CursorNext(CursorHandle cursor, out nint document);

    [LibraryImport(Soname, EntryPoint = "mongoc_cursor_error_document")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool CursorErrorDocument(CursorHandle cursor, ref BsonError error, out nint reply);

    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_new")]
    public static partial nint FindAndModifyOptsNew();

    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_destroy")]
    public static partial void FindAndModifyOptsDestroy(nint opts);

    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_set_sort")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyOptsSetSort(FindAndModifyOptsHandle opts, BsonHandle sort);

    /// <summary>An update document, or a pipeline (a bson_t whose keys are "0", "1", …); copied.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_set_update")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyOptsSetUpdate(FindAndModifyOptsHandle opts, BsonHandle update);

    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_set_fields")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyOptsSetFields(FindAndModifyOptsHandle opts, BsonHandle fields);

    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_set_flags")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyOptsSetFlags(FindAndModifyOptsHandle opts, FindAndModifyFlags flags);

    /// <summary>Extra command options such as <c>sessionId</c> or <c>writeConcern</c>; copied.</summary>
    [LibraryImport(Soname, EntryPoint = "mongoc_find_and_modify_opts_append")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool FindAndModifyOptsAppend(FindAndModifyOptsHandle opts, BsonHandle extra);
}
