using System.Collections.Frozen;
using Recommender.Api.Serving;
using Recommender.Experiments.Simulation;

namespace Recommender.Api.Simulation;

/// <summary>
/// What the real recommendation pipeline shows simulated users, as relevances to each user's known preferences:
/// every simulated user stands for one user of the data set the models were trained on (by a stable hash of the
/// id), requests k items from the variant's <see cref="RecommendationPipeline"/> in-process, and an item's relevance
/// is 1 when it is among that user's held-out interactions (the preferences the models never saw) and
/// <see cref="BackgroundRelevance"/> otherwise.
/// A response depends only on (user, variant) — the models do not change during a simulation — so each is
/// requested once, in <see cref="WarmAsync"/>, and reused by every simulated run.
/// </summary>
public sealed class PipelineSlates : ISlateSource
{
    private readonly IReadOnlyDictionary<string, RecommendationPipeline> _pipelines;
    private readonly IReadOnlyList<string> _users;
    private readonly IReadOnlyDictionary<string, FrozenSet<string>> _preferences;
    private readonly int _k;
    private readonly Dictionary<(int User, string Variant), double[]> _slates = [];

    /// <param name="pipelines">Variant → the pipeline serving its policy.</param>
    /// <param name="users">The data set's users simulated users stand for.</param>
    /// <param name="preferences">Each user's held-out items.</param>
    /// <param name="k">Items per response.</param>
    /// <param name="backgroundRelevance">Relevance of an item the user did not hold out (in [0, 1]).</param>
    public PipelineSlates(
        IReadOnlyDictionary<string, RecommendationPipeline> pipelines,
        IReadOnlyList<string> users,
        IReadOnlyDictionary<string, FrozenSet<string>> preferences,
        int k,
        double backgroundRelevance)
    {
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(preferences);
        if (users.Count == 0) throw new ArgumentException("At least one user is needed.", nameof(users));
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (!(backgroundRelevance >= 0 && backgroundRelevance <= 1))
            throw new ArgumentOutOfRangeException(nameof(backgroundRelevance), backgroundRelevance, "Must lie in [0, 1].");
        _pipelines = pipelines;
        _users = users;
        _preferences = preferences;
        _k = k;
        BackgroundRelevance = backgroundRelevance;
    }

    public double BackgroundRelevance { get; }

    /// <summary>Recommendation requests made so far.</summary>
    public int Requests => _slates.Count;

    /// <summary>Per variant, the mean number of the user's held-out items among those shown (of the responses requested so far).</summary>
    public IReadOnlyDictionary<string, double> HeldOutItemsPerResponse() =>
        _slates.GroupBy(s => s.Key.Variant)
            .ToDictionary(g => g.Key, g => g.Average(s => s.Value.Count(r => r == 1.0)), StringComparer.Ordinal);

    /// <summary>Requests every user's list from every variant.</summary>
    public async Task WarmAsync(IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var total = _users.Count * _pipelines.Count;
        var done = 0;
        foreach (var variant in _pipelines.Keys)
        {
            for (var user = 0; user < _users.Count; user++)
            {
                await SlateAsync(user, variant, cancellationToken);
                if (++done % 256 == 0)
                    progress?.Report((double)done / total);
            }
        }
        progress?.Report(1);
    }

    public IReadOnlyList<double> Relevances(SimulatedUser user, string variant)
    {
        ArgumentNullException.ThrowIfNull(user);
        var index = UserFor(user.Id);
        // Warmed up front; a miss (a variant asked for after warming) is served synchronously: the pipeline does not block.
        return _slates.TryGetValue((index, variant), out var slate)
            ? slate
            : SlateAsync(index, variant, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    private async ValueTask<double[]> SlateAsync(int user, string variant, CancellationToken cancellationToken)
    {
        if (_slates.TryGetValue((user, variant), out var cached))
            return cached;
        if (!_pipelines.TryGetValue(variant, out var pipeline))
            throw new KeyNotFoundException($"No pipeline for variant '{variant}'.");
        var userId = _users[user];
        var outcome = await pipeline.RecommendAsync(new ValidRecommendationRequest(userId, _k, "simulation", null, [], []), verbose: false, cancellationToken);
        if (outcome.Kind != PipelineOutcomeKind.Ok)
            throw new InvalidOperationException($"The pipeline did not answer for {userId} ({outcome.Kind}).");
        var liked = _preferences.GetValueOrDefault(userId) ?? FrozenSet<string>.Empty;
        var slate = outcome.Response!.Items.Select(i => liked.Contains(i.ItemId) ? 1.0 : BackgroundRelevance).ToArray();
        _slates[(user, variant)] = slate;
        return slate;
    }

    // FNV-1a of the id: stable across processes (string.GetHashCode is randomised per process).
    private int UserFor(string simulatedUserId)
    {
        uint hash = 2166136261;
        foreach (var c in simulatedUserId)
            hash = (hash ^ c) * 16777619;
        return (int)(hash % (uint)_users.Count);
    }
}
