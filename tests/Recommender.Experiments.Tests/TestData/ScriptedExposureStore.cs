using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Recommender.Experiments.Exposures;
using Recommender.Experiments.Storage;

namespace Recommender.Experiments.Tests.TestData;

/// <summary>
/// An in-memory exposure store whose failures a test scripts: down (a transient error), commit-then-fail
/// (stores the batch, then reports an error, as a connection lost during COMMIT does), refusing some records for
/// good (a constraint error), or hanging until cancelled (a database too slow to answer).
/// </summary>
public sealed class ScriptedExposureStore : IExposureStore
{
    private readonly ConcurrentDictionary<string, Exposure> _stored = new();
    private int _calls;
    private int _inserts;

    private volatile bool _down;
    private volatile bool _hang;
    private volatile bool _commitThenFailOnce;

    public bool Down { get => _down; set => _down = value; }

    public bool Hang { get => _hang; set => _hang = value; }

    public bool CommitThenFailOnce { get => _commitThenFailOnce; set => _commitThenFailOnce = value; }
    public Func<Exposure, bool> Refuses { get; set; } = _ => false;

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Records ever inserted; equal to <see cref="StoredCount"/> unless something was written twice.</summary>
    public int Inserts => Volatile.Read(ref _inserts);

    public int StoredCount => _stored.Count;

    public bool Contains(string requestId) => _stored.ContainsKey(requestId);

    public async Task<int> AppendExposuresAsync(IReadOnlyList<Exposure> batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        await Task.Yield();
        if (Hang)
            await Task.Delay(Timeout.Infinite, cancellationToken);
        if (Down)
            throw new IOException("database down");
        if (batch.Any(Refuses))
            throw new SqliteException("CHECK constraint failed", 19);
        var inserted = 0;
        lock (_stored)
        {
            foreach (var exposure in batch)
            {
                if (_stored.TryAdd(exposure.RequestId, exposure))
                {
                    inserted++;
                    Interlocked.Increment(ref _inserts);
                }
            }
        }
        if (CommitThenFailOnce)
        {
            CommitThenFailOnce = false;
            throw new IOException("connection lost during COMMIT");
        }
        return inserted;
    }
}
