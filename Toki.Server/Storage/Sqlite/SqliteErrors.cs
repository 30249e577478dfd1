using Microsoft.Data.Sqlite;
using Toki.Calls.Ports;

namespace Toki.Server.Storage.Sqlite;

internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;

    /// <summary>SQLITE_BUSY or SQLITE_LOCKED (any extended code), reported once the busy timeout has run out.</summary>
    public static bool IsBusy(SqliteException exception) => (exception.SqliteErrorCode & 0xFF) is Busy or Locked;

    public static CallStoreUnavailableException Unavailable(SqliteException exception) =>
        new($"The SQLite database stayed locked: {exception.Message}", exception);
}
