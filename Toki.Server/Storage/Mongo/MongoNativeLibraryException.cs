namespace Toki.Server.Storage.Mongo;

/// <summary>libmongoc/libbson could not be loaded, or the installed version is not the one this binding is written for.</summary>
internal sealed class MongoNativeLibraryException : Exception
{
    public MongoNativeLibraryException(string message)
        : base(message)
    {
    }

    public MongoNativeLibraryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
