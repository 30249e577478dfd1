namespace Toki.Server.Storage.Mongo;

/// <summary>
/// The drivers' standard "with transaction" loop: retry the whole transaction while errors carry
/// TransientTransactionError, retry just the commit while it fails with UnknownTransactionCommitResult (except on
/// MaxTimeMSExpired), both only until the time limit measured from the first attempt.
/// </summary>
internal static class MongoTransactionRunner
{
    private const uint MaxTimeMsExpired = 50;

    public static T Run<T>(MongoSession session, Func<MongoSession, T> body, TimeProvider time, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        bool WithinLimit() => time.GetElapsedTime(started) < limit;

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.StartTransaction();
            T result;
            try
            {
                result = body(session);
            }
            catch (Exception e)
            {
                AbortQuietly(session);
                if (e is MongoException mongo && mongo.HasLabel(MongoErrorLabels.TransientTransactionError) && WithinLimit())
                {
                    continue;
                }

                throw;
            }

            if (!session.InTransaction)
            {
                // The body committed or aborted the transaction itself.
                return result;
            }

            if (Commit(session, WithinLimit, cancellationToken))
            {
                return result;
            }
        }
    }

    /// <summary>True when committed; false when the whole transaction should be retried.</summary>
    private static bool Commit(MongoSession session, Func<bool> withinLimit, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                session.CommitTransaction();
                return true;
            }
            catch (MongoException e) when (e.HasLabel(MongoErrorLabels.UnknownTransactionCommitResult)
                                           && e.Code != MaxTimeMsExpired
                                           && withinLimit()
                                           && !cancellationToken.IsCancellationRequested)
            {
                // The outcome is unknown; committing again is safe and tells us.
            }
            catch (MongoException e) when (e.HasLabel(MongoErrorLabels.TransientTransactionError) && withinLimit())
            {
                return false;
            }
        }
    }

    private static void AbortQuietly(MongoSession session)
    {
        if (!session.InTransaction)
        {
            return;
        }

        try
        {
            session.AbortTransaction();
        }
        catch (MongoException)
        {
            // The server aborts an unfinished transaction on its own; the body's error is the one that matters.
        }
    }
}
