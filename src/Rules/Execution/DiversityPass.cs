using System.Runtime.InteropServices;
using Recommender.Rules.Compilation;

namespace Recommender.Rules.Execution;

/// <summary>
/// Fills the top k from the ordered survivors while every diversity cap holds: an item is admitted only if, for
/// each rule, each of its values (a category, a tag, the computed key...) appears fewer than Max times among the
/// items already admitted. Items with no value for a rule are not limited by it. When the caps leave slots empty
/// and every rule that held an item back allows backfill, held-back items fill them in rank order.
/// One pass instance per evaluation (it keeps the counts).
/// </summary>
internal sealed class DiversityPass
{
    private readonly CompiledDiversityRule[] _rules;
    private readonly Dictionary<string, int>[] _counts;
    private readonly CompiledWorkflow _workflow;

    // The single-valued keys (age rating, computed key) of the item being considered, computed once by Blocking
    // and reused by Admit, so a key expression runs once per item.
    private readonly string[] _keys;

    public DiversityPass(CompiledDiversityRule[] rules, CompiledWorkflow workflow)
    {
        _rules = rules;
        _workflow = workflow;
        _keys = new string[rules.Length];
        _counts = new Dictionary<string, int>[rules.Length];
        for (var r = 0; r < rules.Length; r++)
            _counts[r] = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Forgets the counts, for a new pass over a longer ordered prefix.</summary>
    public void Reset()
    {
        foreach (var counts in _counts)
            counts.Clear();
    }

    /// <summary>Writes into <paramref name="chosen"/> the positions in <paramref name="ordered"/> of the top list, in
    /// order, and returns its length; with <paramref name="backfill"/>, marks backfilled survivors'
    /// <see cref="Survivor.Fired"/> with the rules that had held them back.</summary>
    /// <param name="backfill">Whether backfill may run: only when <paramref name="ordered"/> is the whole list.</param>
    public int Select(
        Span<Survivor> ordered, int k, Span<int> chosen, Span<(int Position, ulong Blocked)> held,
        in EvaluationInputs inputs, bool backfill, out int heldBack)
    {
        var chosenCount = 0;
        var heldCount = 0;
        for (var position = 0; position < ordered.Length && chosenCount < k; position++)
        {
            var index = ordered[position].Index;
            var candidate = inputs.Candidates[index];
            inputs.View.MoveTo(candidate, index + 1);
            var blocked = Blocking(candidate.Item, inputs);
            if (blocked == 0)
            {
                Admit(candidate.Item);
                chosen[chosenCount++] = position;
            }
            else
            {
                held[heldCount++] = (position, blocked);
            }
        }

        var backfilled = 0;
        for (var h = 0; backfill && h < heldCount && chosenCount < k; h++)
        {
            var (position, blocked) = held[h];
            if (!AllowBackfill(blocked))
                continue;
            ordered[position].Fired |= blocked;
            chosen[chosenCount++] = position;
            backfilled++;
        }
        // Backfilled items are appended after the capped list: they were held back because of their rank there.
        heldBack = heldCount - backfilled;
        return chosenCount;
    }

    private ulong Blocking(RuleItem item, in EvaluationInputs inputs)
    {
        ulong blocked = 0;
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = _rules[r];
            var counts = _counts[r];
            if (rule.By is null or Definitions.DiversityAttribute.AgeRating)
            {
                var key = _keys[r] = KeyOf(rule, item, inputs);
                if (key.Length > 0 && counts.GetValueOrDefault(key) >= rule.Max)
                    blocked |= 1UL << rule.Bit;
                continue;
            }
            var values = rule.ValuesOf(item);
            for (var v = 0; v < values.Count; v++)
            {
                if (counts.GetValueOrDefault(values[v]) >= rule.Max)
                {
                    blocked |= 1UL << rule.Bit;
                    break;
                }
            }
        }
        return blocked;
    }

    private void Admit(RuleItem item)
    {
        for (var r = 0; r < _rules.Length; r++)
        {
            var rule = _rules[r];
            var counts = _counts[r];
            if (rule.By is null or Definitions.DiversityAttribute.AgeRating)
            {
                var key = _keys[r];
                if (key.Length > 0)
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _)++;
                continue;
            }
            var values = rule.ValuesOf(item);
            for (var v = 0; v < values.Count; v++)
            {
                if (!RepeatsEarlierValue(values, v))
                    CollectionsMarshal.GetValueRefOrAddDefault(counts, values[v], out _)++;
            }
        }
    }

    private string KeyOf(CompiledDiversityRule rule, RuleItem item, in EvaluationInputs inputs)
    {
        if (rule.Key is null)
            return item.AgeRating;
        try
        {
            return rule.Key(item, inputs.User, inputs.Context, inputs.View) ?? "";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A key that cannot be computed leaves the item unconstrained by this rule.
            _workflow.RecordRuntimeError(rule.Bit, item.Id, $"{ex.GetType().Name}: {ex.Message}");
            return "";
        }
    }

    private bool AllowBackfill(ulong blocked)
    {
        for (var r = 0; r < _rules.Length; r++)
        {
            if ((blocked & (1UL << _rules[r].Bit)) != 0 && !_rules[r].Backfill)
                return false;
        }
        return true;
    }

    // An item listing a category twice counts once towards that category's cap.
    private static bool RepeatsEarlierValue(IReadOnlyList<string> values, int v)
    {
        for (var earlier = 0; earlier < v; earlier++)
        {
            if (string.Equals(values[earlier], values[v], StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
