namespace Recommender.Api.Serving;

/// <summary>
/// What is being served, as one immutable <see cref="ServingState"/> swapped atomically: a request reads it once
/// and sees one consistent set of versions; readers never lock, and a newly published version never yields a
/// failed or mixed request.
/// </summary>
public sealed class ModelStore
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServingState? _serving;

    /// <summary>True once every configured model is loaded.</summary>
    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when every model is loaded; faults when loading failed.</summary>
    public Task WhenReady => _ready.Task;

    public ServingState? Serving => Volatile.Read(ref _serving);

    /// <summary>The latest version of <paramref name="name"/>.</summary>
    public bool TryGet(string name, out LoadedModel model)
    {
        model = null!;
        if (Serving is not { } serving || !serving.Models.TryGetValue(name, out var versions))
            return false;
        model = versions.Latest;
        return true;
    }

    /// <summary>Starts serving a data set (no models yet).</summary>
    public void PublishDataset(Recommender.Ensemble.Data.Dataset dataset) => Volatile.Write(ref _serving, ServingState.For(dataset));

    /// <summary>Adds a model version to what is served, atomically.</summary>
    public void Publish(LoadedModel model)
    {
        while (true)
        {
            var current = Serving ?? throw new InvalidOperationException("Publish the data set before its models.");
            if (Interlocked.CompareExchange(ref _serving, current.With(model), current) == current)
            {
                Published?.Invoke(this, model);
                return;
            }
        }
    }

    /// <summary>Raised after a model version became servable.</summary>
    public event EventHandler<LoadedModel>? Published;

    public void MarkReady() => _ready.TrySetResult();

    public void MarkFailed(Exception error) => _ready.TrySetException(error);
}
