using System.Collections.Immutable;
using Recommender.Ensemble.Data;

namespace Recommender.Api.Serving;

/// <summary>
/// The models being served. The whole set is one immutable snapshot swapped atomically, so a request that reads
/// it once sees one consistent set of versions, and readers never lock.
/// </summary>
public sealed class ModelStore
{
    private ImmutableDictionary<string, LoadedModel> _models = ImmutableDictionary<string, LoadedModel>.Empty.WithComparers(StringComparer.Ordinal);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Dataset? _dataset;

    /// <summary>True once every configured model is loaded.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when every model is loaded; faults when loading failed.</summary>
    public Task WhenReady => _ready.Task;

    public IReadOnlyDictionary<string, LoadedModel> Snapshot => Volatile.Read(ref _models);

    public bool TryGet(string name, out LoadedModel model) => Snapshot.TryGetValue(name, out model!);

    public void Publish(LoadedModel model) =>
        ImmutableInterlocked.AddOrUpdate(ref _models, model.Name, model, (_, _) => model);

    public void MarkReady() => _ready.TrySetResult();

    public void MarkFailed(Exception error) => _ready.TrySetException(error);

    /// <summary>The data set being served (catalog and users), once loaded.</summary>
    public Dataset? Dataset => Volatile.Read(ref _dataset);

    public void PublishDataset(Dataset dataset) => Volatile.Write(ref _dataset, dataset);
}
