using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using Toki.Server.Storage.Mongo;
using Toki.Server.Storage.Mongo.Native;

namespace Toki.Server.Tests.Storage.Mongo;

internal sealed class MongoNativeRuntimeTests
{
    [Test]
    public void Bson_error_has_the_512_byte_layout_of_libbson_1_23()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Unsafe.SizeOf<BsonError>(), Is.EqualTo(512));
            Assert.That(Marshal.OffsetOf<BsonError>(nameof(BsonError.Code)), Is.EqualTo((nint)4));
            Assert.That(Marshal.OffsetOf<BsonError>(nameof(BsonError.Message)), Is.EqualTo((nint)8));
        });
    }

    [Test]
    public void The_installed_libraries_are_libmongoc_and_libbson_1_23_or_a_later_1_x()
    {
        MongocRuntime.EnsureInitialized();

        Assert.Multiple(() =>
        {
            Assert.That(LibMongoc.GetMajorVersion(), Is.EqualTo(1));
            Assert.That(LibMongoc.GetMinorVersion(), Is.GreaterThanOrEqualTo(23));
            Assert.That(LibBson.GetMajorVersion(), Is.EqualTo(1));
            Assert.That(LibBson.GetMinorVersion(), Is.GreaterThanOrEqualTo(23));
        });
    }

    [Test]
    public void A_missing_native_library_gives_the_startup_error_naming_the_package()
    {
        var exception = Assert.Throws<MongoNativeLibraryException>(
            () => MongocRuntime.RequireLibrary("libmongoc-toki-absent.so.0", "libmongoc-1.0-0"));

        Assert.Multiple(() =>
        {
            Assert.That(exception!.Message, Does.StartWith("libmongoc 1.23 (Debian package libmongoc-1.0-0) is not installed: "));
            Assert.That(exception.Message, Does.Contain("libmongoc-toki-absent.so.0"));
            Assert.That(exception.InnerException, Is.InstanceOf<DllNotFoundException>());
        });
    }

    [Test]
    public void Libmongoc_log_lines_go_to_the_configured_logger()
    {
        MongocRuntime.EnsureInitialized();
        var logger = new CapturingLogger();
        MongocLog.SetLogger(logger);
        try
        {
            Assert.That(() => MongoConnection.Open(new MongoConnectionSettings("mongodb://localhost:99999", "toki-tests")), Throws.TypeOf<MongoInvalidUriException>());
        }
        finally
        {
            MongocLog.SetLogger(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        }

        Assert.That(logger.Lines, Has.Some.EqualTo("Error: libmongoc [mongoc] Port could not be parsed"));
    }

    private sealed class CapturingLogger : ILogger
    {
        private readonly List<string> lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (lines)
                {
                    return lines.ToArray();
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (lines)
            {
                lines.Add($"{logLevel}: {formatter(state, exception)}");
            }
        }
    }
}
