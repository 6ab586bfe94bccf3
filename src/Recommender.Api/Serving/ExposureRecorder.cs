using Recommender.Api.Apis;
using Recommender.Api.Experiments;
using Recommender.Experiments.Exposures;

namespace Recommender.Api.Serving;

/// <summary>
/// Turns a served recommendation into its exposure and hands it to the exposure log. Never waits on the
/// database: the log queues it in memory (or, when full or stopping, appends it to the local spool).
/// </summary>
public sealed class ExposureRecorder(ExposureLogHost logHost, TimeProvider time, ILogger<ExposureRecorder> logger)
{
    /// <summary>Logs what <paramref name="response"/> showed under <paramref name="assignment"/>.</summary>
    public void Record(RecommendationResponse response, ExperimentAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(assignment);
        var items = new ExposedItem[response.Items.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var item = response.Items[i];
            // The score as the caller saw it (the response carries float), so exposure and response agree.
            items[i] = new ExposedItem(item.ItemId, item.Rank, item.Score);
        }
        var exposure = new Exposure(response.RequestId, time.GetUtcNow(), response.UserId, response.Experiment, response.Variant,
            assignment.ConfigVersion, response.ModelVersions, response.Strategy, items);
        try
        {
            if (!logHost.Log.TryEnqueue(exposure))
                logger.LogError("Exposure {RequestId} was lost: the exposure log could neither queue nor spool it.", response.RequestId);
        }
        catch (ArgumentException e)
        {
            // A record the database could never store; the caller's answer stands, the loss is logged.
            logger.LogError(e, "Exposure {RequestId} cannot be stored.", response.RequestId);
        }
    }
}
