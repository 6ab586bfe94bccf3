using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Models;

/// <summary>What a model fits on: the raw log (for models that need per-event time), the aggregated matrix, the catalog.</summary>
public sealed class TrainingData
{
    public TrainingData(InteractionLog log, Catalog? catalog = null)
    {
        Log = log;
        Matrix = InteractionMatrix.FromLog(log);
        Catalog = catalog ?? Catalog.Empty;
    }

    public InteractionLog Log { get; }
    public InteractionMatrix Matrix { get; }
    public Catalog Catalog { get; }
}
