using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Streams a tiled item matrix once for a batch of queries. Large matrices are cut into chunks of about
/// <see cref="ChunkBytes"/> that the calling thread and up to one helper per other core claim in turn
/// (<see cref="ParallelScan{TSource}"/>); each thread keeps its own heaps, merged once at the end. Exclusions are
/// applied at the merge, on the calling thread: a heap that keeps k + |exclusions| unfiltered candidates is certain to
/// hold the k best allowed ones, and the exclusion lists (spans, possibly straight from a CSR row) never have to be
/// copied for the workers.
/// </summary>
internal static class TileScan
{
    /// <summary>Work per chunk: big enough to make claiming overhead negligible, small enough to balance 2–64 cores.</summary>
    public const int ChunkBytes = 512 * 1024;

    /// <summary>Below this many bytes of items a scan runs on the calling thread: waking helpers would cost more.</summary>
    public const int ParallelThresholdBytes = 2 * 1024 * 1024;

    /// <param name="queries">queryCount × D floats, row-major.</param>
    /// <param name="capacities">Per query: how many unfiltered candidates to keep.</param>
    /// <param name="maxDegreeOfParallelism">Threads at most; -1 for every core.</param>
    /// <param name="slacks">Approximate scans: per query, how far below the running k-th best an item is still kept as a
    /// candidate (see <see cref="ScanWorker"/>); null for an exact scan.</param>
    public static ScanResult Run<TSource>(TSource source, SimdWidth width, float[] queries, int[] capacities, int maxDegreeOfParallelism, float[]? slacks = null)
        where TSource : struct, ITileSource
    {
        var (threads, tilesPerChunk, chunkCount) = Plan(source, maxDegreeOfParallelism);
        if (threads <= 1)
        {
            var worker = new ScanWorker(capacities, slacks);
            worker.Scan(source, width, queries, 0, source.TileCount);
            return new ScanResult([worker]);
        }
        return new ParallelScan<TSource>(source, width, queries, capacities, slacks, tilesPerChunk, chunkCount, threads).Run();
    }

    /// <summary>Whether <see cref="Run"/> would use more than the calling thread for this source.</summary>
    public static bool IsParallel<TSource>(TSource source, int maxDegreeOfParallelism)
        where TSource : struct, ITileSource =>
        Plan(source, maxDegreeOfParallelism).Threads > 1;

    private static (int Threads, int TilesPerChunk, int ChunkCount) Plan<TSource>(TSource source, int maxDegreeOfParallelism)
        where TSource : struct, ITileSource
    {
        var tilesPerChunk = Math.Max(1, ChunkBytes / source.BytesPerTile);
        var chunkCount = (source.TileCount + tilesPerChunk - 1) / tilesPerChunk;
        var cores = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);
        var threads = Math.Min(cores, chunkCount);
        // Waking helpers costs more than scanning a small matrix alone.
        if ((long)source.TileCount * source.BytesPerTile < ParallelThresholdBytes)
            threads = 1;
        return (threads, tilesPerChunk, chunkCount);
    }
}

/// <summary>
/// One multithreaded scan. Helpers are queued to the thread pool and never waited for: the calling thread claims
/// chunks too, and waits only for chunks that a helper has claimed and not finished. A helper that starts after every
/// chunk is claimed (a busy machine can delay it by milliseconds) finds nothing to do and leaves, so a late thread
/// never delays the answer. Each thread creates its heaps on its first chunk.
/// </summary>
internal sealed class ParallelScan<TSource>(
    TSource source, SimdWidth width, float[] queries, int[] capacities, float[]? slacks, int tilesPerChunk, int chunkCount, int threads)
    where TSource : struct, ITileSource
{
    private readonly ScanWorker?[] _workers = new ScanWorker?[threads];
    private readonly TaskCompletionSource _allDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextChunk = -1;
    private int _doneChunks;
    private int _registered = -1;
    private Exception? _failure;

    public ScanResult Run()
    {
        for (var helper = 1; helper < threads; helper++)
            ThreadPool.UnsafeQueueUserWorkItem(static scan => scan.Work(), this, preferLocal: false);
        Work();
        _allDone.Task.Wait();
        if (_failure is not null)
            throw new AggregateException("A scoring scan failed.", _failure);
        return new ScanResult([.. _workers.OfType<ScanWorker>()]);
    }

    private void Work()
    {
        ScanWorker? worker = null;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk)) < chunkCount)
        {
            try
            {
                if (worker is null)
                {
                    worker = new ScanWorker(capacities, slacks);
                    _workers[Interlocked.Increment(ref _registered)] = worker;
                }
                var first = chunk * tilesPerChunk;
                worker.Scan(source, width, queries, first, Math.Min(source.TileCount, first + tilesPerChunk));
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            if (Interlocked.Increment(ref _doneChunks) == chunkCount)
                _allDone.SetResult();
        }
    }
}

/// <summary>The per-thread candidate heaps of one scan.</summary>
internal sealed class ScanResult(IReadOnlyList<ScanWorker> workers)
{
    /// <summary>Offers query <paramref name="query"/>'s candidates from every worker, except excluded ones, to <paramref name="target"/>.</summary>
    public void MergeInto(int query, TopKHeap target, ExclusionFilter exclude)
    {
        foreach (var worker in workers)
        {
            var heap = worker.Heaps[query];
            var items = heap.Items;
            var scores = heap.Scores;
            for (var i = 0; i < items.Length; i++)
            {
                if (!exclude.Contains(items[i]))
                    target.Offer(items[i], scores[i]);
            }
        }
    }

    /// <summary>Approximate scans: the collected candidates of <paramref name="query"/> scoring at least <paramref name="cut"/>, except excluded ones.</summary>
    public List<int> CandidatesAtLeast(int query, float cut, ExclusionFilter exclude)
    {
        var result = new List<int>();
        foreach (var worker in workers)
        {
            var candidates = worker.Candidates![query];
            var items = candidates.Items;
            var scores = candidates.Scores;
            for (var i = 0; i < items.Length; i++)
            {
                if (scores[i] >= cut && !exclude.Contains(items[i]))
                    result.Add(items[i]);
            }
        }
        return result;
    }
}
