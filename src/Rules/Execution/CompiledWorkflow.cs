using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using Recommender.Rules.Definitions;

namespace Recommender.Rules.Execution;

/// <summary>
/// One version of a workflow, compiled once and then shared by every request: filters, then boosts and buries,
/// then a re-sort, then the diversity caps. Thread-safe: evaluation state lives on the caller's stack, in pooled
/// arrays or in a diversity pass taken from this workflow's pool for the call; only the error counters are shared,
/// and they are updated atomically.
/// </summary>
internal sealed class CompiledWorkflow
{
    private readonly CompiledFilter[] _filters;
    private readonly CompiledScoreRule[] _scoreRules;
    private readonly CompiledDiversityRule[] _diversityRules;
    private readonly string[] _ruleNames;
    // The fired-rules list of an item that one rule fired on, per rule: the common case, shared rather than allocated.
    private readonly string[][] _singleRuleNames;
    private readonly long[] _runtimeErrors;
    // Passes keep their count dictionaries between calls (emptied, not reallocated); at most one per concurrent call.
    private readonly ConcurrentBag<DiversityPass> _diversityPasses = [];
    private RuleRuntimeError? _lastRuntimeError;

    public CompiledWorkflow(
        WorkflowDefinition definition,
        string file,
        string version,
        DateTimeOffset loadedAt,
        CompiledFilter[] filters,
        CompiledScoreRule[] scoreRules,
        CompiledDiversityRule[] diversityRules,
        RulesEngine.Models.Workflow engineWorkflow)
    {
        Definition = definition;
        File = file;
        Version = version;
        LoadedAt = loadedAt;
        EngineWorkflow = engineWorkflow;
        _filters = filters;
        _scoreRules = scoreRules;
        _diversityRules = diversityRules;
        _ruleNames = definition.Rules.Select(r => r.Name).ToArray();
        _singleRuleNames = _ruleNames.Select(name => new[] { name }).ToArray();
        _runtimeErrors = new long[_ruleNames.Length];
    }

    public string Name => Definition.Name;

    public WorkflowDefinition Definition { get; }

    public string File { get; }

    public string Version { get; }

    public DateTimeOffset LoadedAt { get; }

    /// <summary>The filter, boost and bury rules as the RulesEngine workflow they translate to (diversity caps are a
    /// pass over the whole list, which RulesEngine's per-input rules cannot express).</summary>
    public RulesEngine.Models.Workflow EngineWorkflow { get; }

    public RerankResult Apply(RuleUser user, RuleContext context, IReadOnlyList<RankedCandidate> candidates, int k)
    {
        var n = candidates.Count;
        var inputs = new EvaluationInputs(user, context, candidates, new RuleCandidate());
        var survivors = ArrayPool<Survivor>.Shared.Rent(Math.Max(n, 1));
        try
        {
            var count = 0;
            for (var i = 0; i < n; i++)
            {
                var candidate = candidates[i];
                if (candidate.Item is null)
                    throw new ArgumentException($"Candidate {i} has no item (a default RankedCandidate?).", nameof(candidates));
                inputs.View.MoveTo(candidate, i + 1);
                if (IsFiltered(candidate.Item, inputs))
                    continue;
                var score = candidate.Score;
                var fired = ApplyScoreRules(candidate.Item, inputs, ref score);
                survivors[count++] = new Survivor(i, score, fired);
            }

            var ordered = survivors.AsSpan(0, count);
            if (_diversityRules.Length > 0)
                return ApplyDiversity(ordered, k, n, inputs);
            var items = new RerankedItem[Math.Min(k, count)];
            // A ranked list that no boost or bury reordered is already in order.
            if (!SurvivorOrder.IsSorted(ordered))
                TopSelection.MoveBestToFront(ordered, items.Length);
            for (var position = 0; position < items.Length; position++)
                items[position] = ItemAt(ordered[position], inputs);
            return new RerankResult(Name, Version, items, n, n - count, HeldBackByDiversity: 0);
        }
        finally
        {
            ArrayPool<Survivor>.Shared.Return(survivors);
        }
    }

    public ActiveWorkflow Describe() => new(
        Name,
        Definition.Description,
        File,
        Version,
        LoadedAt,
        Definition.Rules.Select((rule, bit) => Describe(rule, Interlocked.Read(ref _runtimeErrors[bit]))).ToArray(),
        Volatile.Read(ref _lastRuntimeError));

    /// <summary>Counts an exception a rule threw on a candidate and keeps it as the latest one.</summary>
    public void RecordRuntimeError(int bit, string itemId, string message)
    {
        Interlocked.Increment(ref _runtimeErrors[bit]);
        Volatile.Write(ref _lastRuntimeError, new RuleRuntimeError(_ruleNames[bit], itemId, message));
    }

    private bool IsFiltered(RuleItem item, in EvaluationInputs inputs)
    {
        foreach (var filter in _filters)
        {
            bool drop;
            try
            {
                drop = filter.When(item, inputs.User, inputs.Context, inputs.View);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RecordRuntimeError(filter.Bit, item.Id, $"{ex.GetType().Name}: {ex.Message}");
                drop = filter.DropOnError;
            }
            if (drop)
                return true;
        }
        return false;
    }

    private ulong ApplyScoreRules(RuleItem item, in EvaluationInputs inputs, ref double score)
    {
        ulong fired = 0;
        foreach (var rule in _scoreRules)
        {
            try
            {
                if (!rule.When(item, inputs.User, inputs.Context, inputs.View))
                    continue;
                var factor = rule.ConstantFactor ?? rule.Factor(item, inputs.User, inputs.Context, inputs.View);
                if (!rule.IsValidFactor(factor))
                {
                    RecordRuntimeError(rule.Bit, item.Id, rule.Kind == RuleKind.Boost
                        ? $"the boost factor {factor} is not finite and >= 1; the score was left unchanged"
                        : $"the bury factor {factor} is not finite and in (0, 1]; the score was left unchanged");
                    continue;
                }
                score = CompiledScoreRule.Scale(score, factor);
                fired |= 1UL << rule.Bit;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                RecordRuntimeError(rule.Bit, item.Id, $"{ex.GetType().Name}: {ex.Message}");
            }
        }
        return fired;
    }

    private RerankResult ApplyDiversity(Span<Survivor> ordered, int k, int evaluated, in EvaluationInputs inputs)
    {
        var limit = Math.Min(k, ordered.Length);
        var chosen = ArrayPool<int>.Shared.Rent(Math.Max(limit, 1));
        var held = ArrayPool<(int, ulong)>.Shared.Rent(Math.Max(ordered.Length, 1));
        try
        {
            // Caps hold items back, so the pass may need to look well past the first k. Order a prefix with room
            // for that; when the pass runs out of it, order four times as much and run again. Backfill only runs on
            // the whole list, so the result is the same as sorting everything first.
            var prefix = SurvivorOrder.IsSorted(ordered) ? ordered.Length : Math.Min(ordered.Length, Math.Max(4 * k, k + 32));
            TopSelection.MoveBestToFront(ordered, prefix);
            var pass = _diversityPasses.TryTake(out var pooled) ? pooled : new DiversityPass(_diversityRules, this);
            int count, heldBack;
            while (true)
            {
                var whole = prefix == ordered.Length;
                count = pass.Select(ordered[..prefix], limit, chosen, held, inputs, backfill: whole, out heldBack);
                if (count == limit || whole)
                    break;
                // Everything past the prefix ranks below it, so ordering the best of the rest extends the prefix.
                var grown = (int)Math.Min(ordered.Length, 4L * prefix);
                TopSelection.MoveBestToFront(ordered[prefix..], grown - prefix);
                prefix = grown;
                pass.Reset();
            }
            pass.Reset();
            _diversityPasses.Add(pass);
            var items = new RerankedItem[count];
            for (var i = 0; i < count; i++)
                items[i] = ItemAt(ordered[chosen[i]], inputs);
            return new RerankResult(Name, Version, items, evaluated, evaluated - ordered.Length, heldBack);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(chosen);
            ArrayPool<(int, ulong)>.Shared.Return(held);
        }
    }

    private RerankedItem ItemAt(in Survivor survivor, in EvaluationInputs inputs)
    {
        var candidate = inputs.Candidates[survivor.Index];
        return new RerankedItem(
            candidate.Item, survivor.Score, candidate.Score, survivor.Index + 1, candidate.SourceScores, NamesOf(survivor.Fired));
    }

    private string[] NamesOf(ulong fired)
    {
        if (fired == 0)
            return [];
        if (ulong.IsPow2(fired))
            return _singleRuleNames[BitOperations.TrailingZeroCount(fired)];
        var names = new string[ulong.PopCount(fired)];
        var next = 0;
        for (var bit = 0; bit < _ruleNames.Length; bit++)
        {
            if ((fired & (1UL << bit)) != 0)
                names[next++] = _ruleNames[bit];
        }
        return names;
    }

    private static ActiveRule Describe(RuleDefinition rule, long runtimeErrors) => rule switch
    {
        FilterRuleDefinition filter => new ActiveRule(filter.Name, filter.Kind, filter.Enabled, filter.Description, filter.When, null, null, null, runtimeErrors),
        ScoreRuleDefinition score => new ActiveRule(score.Name, score.Kind, score.Enabled, score.Description, score.When, score.Factor, null, null, runtimeErrors),
        DiversityRuleDefinition diversity => new ActiveRule(
            diversity.Name, diversity.Kind, diversity.Enabled, diversity.Description, null, null,
            diversity.ByExpression ?? diversity.By.ToString(), diversity.Max, runtimeErrors),
        _ => throw new InvalidOperationException($"Unexpected rule type {rule.GetType().Name}."),
    };
}
