namespace Toki.Server.Storage.Mongo.Native;

/// <summary><c>mongoc_find_and_modify_flags_t</c> (a C enum, so int-sized).</summary>
[Flags]
internal enum FindAndModifyFlags
{
    None = 0,
    Remove = 1 << 0,
    Upsert = 1 << 1,
    ReturnNew = 1 << 2,
}
