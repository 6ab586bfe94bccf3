using Recommender.Ensemble.Models;

namespace Recommender.Ensemble.Scoring;

/// <summary>
/// Streams a tiled item matrix once for a batch of queries. Large matrices are cut into chunks of about
/// <see cref="ChunkBytes"/> that one worker per thread takes in turn; each worker keeps its own heaps, merged once at
/// the end. Exclusions are applied at the merge, on the calling thread:
/// a heap that keeps k + |exclusions| unfiltered candidates is certain to hold the k best allowed ones, and the
/// exclusion lists (spans, possibly straight from a CSR row) never have to be copied for the workers.
/// </summary>
internal static class TileScan
{
    /// <summary>Work per chunk: big enough to make scheduling overhead negligible, small enough to balance 2–64 cores.</summary>
    public const int ChunkBytes = 512 * 1024;

    /// <summary>Below this many bytes of items a scan runs on the calling thread: waking workers would cost more.</summary>
    public const int ParallelThresholdBytes = 2 * 1024 * 1024;

    /// <param name="queries">queryCount × D floats, row-major.</param>
    /// <param name="capacities">Per query: how many unfiltered candidates to keep.</param>
    /// <param name="maxDegreeOfParallelism">Threads at most; -1 for every core.</param>
    /// <param name="slacks">Approximate scans: per query, how far below the running k-th best an item is still kept as a
    /// candidate (see <see cref="ScanWorker"/>); null for an exact scan.</param>
    public static ScanResult Run<TSource>(TSource source, SimdWidth width, float[] queries, int[] capacities, int maxDegreeOfParallelism, float[]? slacks = null)
        where TSource : struct, ITileSource
    {
        var tileCount = source.TileCount;
        var tilesPerChunk = Math.Max(1, ChunkBytes / source.BytesPerTile);
        var chunkCount = (tileCount + tilesPerChunk - 1) / tilesPerChunk;
        var parallel = maxDegreeOfParallelism != 1 && Environment.ProcessorCount > 1 && chunkCount > 1
            && (long)tileCount * source.BytesPerTile >= ParallelThresholdBytes;
        if (!parallel)
        {
            var worker = new ScanWorker(capacities, slacks);
            worker.Scan(source, width, queries, 0, tileCount);
            return new ScanResult([worker]);
        }

        // A fixed set of workers, each pulling the next chunk from a shared counter: exactly one set of heaps per
        // thread (Parallel.For's localInit would start a fresh, empty set for every task replica, and a fresh heap
        // accepts everything until it fills), and a thread that a neighbour process slows down simply takes fewer chunks.
        var workerCount = Math.Min(chunkCount, maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount));
        var workers = new ScanWorker[workerCount];
        var nextChunk = -1;
        Parallel.For(0, workerCount, new ParallelOptions { MaxDegreeOfParallelism = workerCount }, w =>
        {
            var worker = workers[w] = new ScanWorker(capacities, slacks);
            int chunk;
            while ((chunk = Interlocked.Increment(ref nextChunk)) < chunkCount)
            {
                var first = chunk * tilesPerChunk;
                worker.Scan(source, width, queries, first, Math.Min(tileCount, first + tilesPerChunk));
            }
        });
        return new ScanResult(workers);
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
