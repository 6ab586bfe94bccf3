using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Recommender.Api.Experiments;

/// <summary>
/// Hears why Microsoft.FeatureManagement chose a variant. GetVariantAsync returns only the variant; the library says
/// why (VariantAssignmentReason: Percentile, User, Group, DefaultWhenEnabled, DefaultWhenDisabled) in the
/// "FeatureFlag" event it adds to its "FeatureEvaluation" activity. This listener records that activity and hands
/// the reason to the evaluation that asked for it, matched through an async-local slot, so concurrent requests
/// (and other hosts in the same process) never see each other's reasons.
/// </summary>
public sealed class FeatureEvaluationReasons : IDisposable
{
    /// <summary>The library's ActivitySource name.</summary>
    public const string SourceName = "Microsoft.FeatureManagement";

    private readonly AsyncLocal<StrongBox<string?>?> _slot = new();
    private readonly ActivityListener _listener;

    public FeatureEvaluationReasons()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// A slot that receives the reason of the next evaluation in this asynchronous flow. Call it from the async
    /// method that then awaits GetVariantAsync, so the slot is this flow's alone.
    /// </summary>
    public StrongBox<string?> Expect()
    {
        var slot = new StrongBox<string?>();
        _slot.Value = slot;
        return slot;
    }

    private void Record(Activity activity)
    {
        if (_slot.Value is not { } slot)
            return;
        foreach (var evaluation in activity.Events)
        {
            if (evaluation.Name != "FeatureFlag")
                continue;
            foreach (var tag in evaluation.Tags)
            {
                if (tag.Key == "VariantAssignmentReason")
                    slot.Value = tag.Value?.ToString();
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
