using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Memory;
using Recommender.Ensemble.Models;

namespace Recommender.Api.Serving;

/// <summary>
/// A known user's top-N from one model version, kept so that the next request of that user skips the model's
/// scan over the whole catalogue. Exact, never stale: a loaded model version is immutable (publishing makes a new
/// instance, which is part of the key), and its list for a user depends only on the user's row in that version's
/// training matrix. Requests that exclude items or fold in recent ones are scored afresh and not cached. Bounded by
/// <see cref="CandidateCacheSettings.Entries"/>; least recently used lists go first, so lists of retired versions,
/// never asked for again, leave on their own.
/// </summary>
public sealed class CandidateCache : IDisposable
{
    public const string MeterName = "Recommender.Serving";
    public const string LookupsInstrument = "recommender.candidate_cache.lookups";

    private static readonly KeyValuePair<string, object?> Hit = new("result", "hit");
    private static readonly KeyValuePair<string, object?> Miss = new("result", "miss");

    private readonly MemoryCache? _lists;
    private readonly Counter<long>? _lookups;

    /// <param name="settings">How many lists to keep (0: no cache).</param>
    /// <param name="meter">Where hits and misses are counted (the service's is exported at GET /metrics); null: not counted.</param>
    public CandidateCache(CandidateCacheSettings settings, Meter? meter)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // Every list counts 1 towards the limit: the setting is a number of lists, which is what an operator can reason about.
        _lists = settings.Entries > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = settings.Entries }) : null;
        _lookups = meter?.CreateCounter<long>(LookupsInstrument, "{lookup}",
            "Candidate lists asked of the per-user cache, by result (hit: the model was not run).");
    }

    public bool Enabled => _lists is not null;

    /// <summary>
    /// The model's top <paramref name="poolSize"/> for a user it knows: from the cache, or from
    /// <paramref name="score"/>, whose answer is then kept. Callers must not change the returned array.
    /// </summary>
    public async ValueTask<ScoredItem[]> GetOrScoreAsync(IRecommender model, int user, int poolSize,
        Func<IRecommender, int, int, CancellationToken, ValueTask<ScoredItem[]>> score, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(score);
        if (_lists is null)
            return await score(model, user, poolSize, cancellationToken);
        var key = new Key(model, user, poolSize);
        if (_lists.TryGetValue(key, out var found) && found is ScoredItem[] cached)
        {
            _lookups?.Add(1, Hit);
            return cached;
        }
        _lookups?.Add(1, Miss);
        var scored = await score(model, user, poolSize, cancellationToken);
        using (var entry = _lists.CreateEntry(key))
        {
            entry.Value = scored;
            entry.Size = 1;
        }
        return scored;
    }

    public void Dispose() => _lists?.Dispose();

    // The model instance by reference (models do not override Equals): each loaded version is its own instance.
    private readonly record struct Key(IRecommender Model, int User, int PoolSize);
}
