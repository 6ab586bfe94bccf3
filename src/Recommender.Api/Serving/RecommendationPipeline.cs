using System.Diagnostics;
using System.Runtime.CompilerServices;
using Recommender.Api.Apis;
using Recommender.Api.Experiments;
using Recommender.Ensemble.Models;
using Recommender.Ensemble.Strategies;
using Recommender.Rules;

namespace Recommender.Api.Serving;

/// <summary>
/// The request path of DESIGN.md: assign a variant → candidates from each of its models → combine with its
/// ensemble strategy → its business rules → top k. Reads one model snapshot per request, so a version published
/// mid-request never mixes with the previous one.
/// </summary>
public sealed class RecommendationPipeline(
    IVariantAssigner assigner,
    ModelStore store,
    RuleWorkflowHost rules,
    StrategyCatalog strategies,
    CandidateCache candidateCache,
    RequestIds requestIds,
    TimeProvider time)
{
    /// <summary>Strategy instances per policy object: a policy is immutable and replaced on every config reload.</summary>
    private readonly ConditionalWeakTable<VariantPolicy, IEnsembleStrategy> _strategyByPolicy = [];

    public async Task<PipelineOutcome> RecommendAsync(ValidRecommendationRequest request, bool verbose, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (!store.IsReady || store.Serving is not { } serving)
            return PipelineOutcome.NotReady;
        var assignment = await assigner.AssignAsync(request.Placement, request.UserId, TargetingGroups.From(request.Context) ?? [], cancellationToken);
        if (assignment is null)
            return PipelineOutcome.UnknownPlacement;
        var assigned = Stopwatch.GetTimestamp();
        var policy = assignment.Policy;

        var unknownItems = new List<string>();
        var exclude = serving.ToSortedIndices(request.ExcludeItemIds, unknownItems);
        var recent = serving.ToSortedIndices(request.RecentItemIds, unknownItems);

        // Candidates: each model's top pool for the user, folded in from recent items for users it does not know.
        var sources = new List<CandidateList>(policy.Models.Count);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        // Verbose-only details are not even allocated for minimal answers.
        var candidateTimings = verbose ? new Dictionary<string, double>(StringComparer.Ordinal) : null;
        var userState = verbose ? new Dictionary<string, string>(StringComparer.Ordinal) : null;
        var knownUser = -1;
        foreach (var name in policy.Models)
        {
            var modelStart = Stopwatch.GetTimestamp();
            var loaded = serving.Resolve(name, policy.ModelVersions.GetValueOrDefault(name));
            versions[name] = loaded.Version;
            var model = loaded.Model;
            ScoredItem[] proposed;
            bool known;
            if (model.Interactions.Users.TryGetIndex(request.UserId, out var user))
            {
                // A list that excludes nothing is the same for every request of this user to this version: cached.
                proposed = exclude.Length == 0
                    ? await candidateCache.GetOrScoreAsync(model, user, policy.PoolSize, ScoreKnownUserAsync, cancellationToken)
                    : await ScoreKnownUserAsync(model, user, policy.PoolSize, exclude, cancellationToken);
                known = true;
                knownUser = serving.UserIndex(request.UserId);
                userState?[name] = "known";
            }
            else if (recent.Length > 0 || model is PopularityRecommender)
            {
                // Popularity needs no user: its list is as good for a stranger as for anyone.
                proposed = model is IEmbeddingRecommender embedding
                    ? await embedding.RecommendFromItemsAsync(recent, policy.PoolSize, exclude, cancellationToken)
                    : model.RecommendFromItems(recent, [], policy.PoolSize, exclude);
                known = model is PopularityRecommender;
                userState?[name] = recent.Length > 0 ? "folded-in" : "not-needed";
            }
            else
            {
                proposed = [];
                known = false;
                userState?[name] = "unknown";
            }
            sources.Add(new CandidateList(name, proposed, known));
            candidateTimings?[name] = Elapsed(modelStart);
        }

        // A user nobody knows and nothing to fold in gets the most popular items rather than an empty list.
        var fellBack = false;
        if (sources.All(s => s.Items.Length == 0) && serving.TryGetFallback(out var fallback))
        {
            fellBack = true;
            var fallbackItems = fallback.Model.RecommendFromItems(recent, [], policy.PoolSize, exclude);
            sources = [new CandidateList(fallback.Name, fallbackItems, UserKnown: true)];
            versions[fallback.Name] = fallback.Version;
        }

        var combineStart = Stopwatch.GetTimestamp();
        var strategy = _strategyByPolicy.GetValue(policy, p => strategies.Create(p.Strategy, p.Parameters));
        var history = knownUser >= 0 ? serving.SeenItems(request.UserId) : recent.AsMemory();
        var features = strategy.UsesItemFeatures ? serving.RankingFeatures : null;
        var combined = strategy.Combine(sources, policy.PoolSize, new StrategyContext(knownUser, history, features));
        var combineEnd = Stopwatch.GetTimestamp();

        var ranked = new RankedCandidate[combined.Count];
        for (var i = 0; i < combined.Count; i++)
        {
            var c = combined[i];
            ranked[i] = new RankedCandidate(serving.RuleInputs.Item(c.Item), c.Score, verbose ? SourceScores(sources, c) : null);
        }
        // context.groups is for experiment targeting (a list, which rule contexts do not hold), not for the rules.
        var context = request.Context is null ? new RuleContext(time.GetUtcNow())
            : new RuleContext(time.GetUtcNow(), request.Context.Where(c => c.Key != TargetingGroups.ContextKey));
        var reranked = rules.Apply(policy.Rules, serving.RuleInputs.User(request.UserId), context, ranked, request.K);
        var rulesEnd = Stopwatch.GetTimestamp();

        var items = new RecommendationItem[reranked.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var r = reranked.Items[i];
            items[i] = verbose
                ? new RecommendationItem(r.Item.Id, (float)r.Score, i + 1, SourceDetails(sources, combined, r), r.FiredRules)
                : new RecommendationItem(r.Item.Id, (float)r.Score, i + 1);
        }
        var debug = verbose
            ? new RecommendationDebug(assignment.Reason, assignment.ConfigVersion, policy.Rules, reranked.Version, userState!, unknownItems, fellBack,
                new StageTimings(Ms(started, assigned), candidateTimings!, Ms(combineStart, combineEnd), Ms(combineEnd, rulesEnd), Elapsed(started)))
            : null;
        var response = new RecommendationResponse(requestIds.Next(), request.UserId, assignment.Experiment, assignment.Variant,
            strategy.Name, versions, items, debug);
        return PipelineOutcome.Ok(response, assignment);
    }

    private static ValueTask<ScoredItem[]> ScoreKnownUserAsync(IRecommender model, int user, int poolSize, CancellationToken cancellationToken) =>
        ScoreKnownUserAsync(model, user, poolSize, [], cancellationToken);

    // Embedding models score asynchronously, so that a micro-batching scorer can gather this request with concurrent
    // ones into one batched scan without holding a thread.
    private static ValueTask<ScoredItem[]> ScoreKnownUserAsync(IRecommender model, int user, int poolSize, int[] exclude, CancellationToken cancellationToken) =>
        model is IEmbeddingRecommender embedding
            ? embedding.RecommendAsync(user, poolSize, exclude, cancellationToken)
            : ValueTask.FromResult(model.Recommend(user, poolSize, exclude));

    // Verbose-only: what each source said about a combined candidate, by source name.
    private static Dictionary<string, double> SourceScores(List<CandidateList> sources, EnsembleCandidate candidate) =>
        PresentSources(sources, candidate).ToDictionary(s => s.Source, s => (double)s.Said.Score, StringComparer.Ordinal);

    private static Dictionary<string, SourceDetail> SourceDetails(List<CandidateList> sources, IReadOnlyList<EnsembleCandidate> combined, RerankedItem item) =>
        PresentSources(sources, combined[item.OriginalRank - 1])
            .ToDictionary(s => s.Source, s => new SourceDetail(s.Said.Score, s.Said.Rank), StringComparer.Ordinal);

    private static IEnumerable<(string Source, SourceScore Said)> PresentSources(List<CandidateList> sources, EnsembleCandidate candidate) =>
        sources.Select((source, s) => (source.Source, candidate.Sources[s])).Where(x => x.Item2.Present);

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private static double Elapsed(long from) => Stopwatch.GetElapsedTime(from).TotalMilliseconds;
}
