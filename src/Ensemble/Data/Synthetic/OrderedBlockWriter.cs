using System.Runtime.ExceptionServices;

namespace Recommender.Ensemble.Data.Synthetic;

/// <summary>
/// Produces numbered blocks of CSV rows on several threads and writes them strictly in block order, so the files
/// are the same whatever the thread count. Workers take blocks in increasing order and may run at most a few
/// blocks ahead of the writer, which bounds memory; the worker holding the oldest unwritten block never waits,
/// so the pipeline cannot stall.
/// </summary>
internal static class OrderedBlockWriter
{
    /// <param name="blockCount">Blocks 0..blockCount-1.</param>
    /// <param name="threads">Worker threads producing blocks (the calling thread writes).</param>
    /// <param name="outputs">Where each block's buffers go: buffer k of every block is appended to outputs[k].</param>
    /// <param name="produce">Fills the (cleared) buffers of one block; must depend on the block number only.</param>
    /// <param name="written">Called on the writing thread after each block is written, in order.</param>
    public static void Run(
        int blockCount,
        int threads,
        IReadOnlyList<Stream> outputs,
        Action<int, Utf8RowBuffer[]> produce,
        Action<int>? written,
        CancellationToken cancellationToken)
    {
        var gate = new object();
        var aheadLimit = Math.Max(2, threads * 2);
        var ready = new Utf8RowBuffer[]?[blockCount];
        var free = new Stack<Utf8RowBuffer[]>();
        var nextToTake = 0;
        var nextToWrite = 0;
        ExceptionDispatchInfo? failure = null;

        void Fail(Exception exception)
        {
            lock (gate)
            {
                failure ??= ExceptionDispatchInfo.Capture(exception);
                Monitor.PulseAll(gate);
            }
        }

        void Work()
        {
            while (true)
            {
                int block;
                Utf8RowBuffer[] buffers;
                lock (gate)
                {
                    while (failure is null && nextToTake < blockCount && nextToTake - nextToWrite >= aheadLimit)
                        Monitor.Wait(gate);
                    if (failure is not null || nextToTake >= blockCount)
                        return;
                    block = nextToTake++;
                    buffers = free.Count > 0 ? free.Pop() : NewBuffers(outputs.Count);
                }
                try
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var buffer in buffers)
                        buffer.Clear();
                    produce(block, buffers);
                }
                catch (Exception exception)
                {
                    Fail(exception);
                    return;
                }
                lock (gate)
                {
                    ready[block] = buffers;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = Enumerable.Range(0, Math.Max(1, threads))
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        try
        {
            while (nextToWrite < blockCount)
            {
                Utf8RowBuffer[] buffers;
                lock (gate)
                {
                    while (failure is null && ready[nextToWrite] is null)
                        Monitor.Wait(gate);
                    if (failure is not null)
                        break;
                    buffers = ready[nextToWrite]!;
                    ready[nextToWrite] = null;
                }
                for (var k = 0; k < outputs.Count; k++)
                    buffers[k].CopyTo(outputs[k]);
                lock (gate)
                {
                    nextToWrite++;
                    free.Push(buffers);
                    Monitor.PulseAll(gate);
                }
                written?.Invoke(nextToWrite - 1);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        catch (Exception exception)
        {
            Fail(exception);
        }
        Task.WaitAll(workers, CancellationToken.None);
        failure?.Throw();
    }

    private static Utf8RowBuffer[] NewBuffers(int count) =>
        Enumerable.Range(0, count).Select(_ => new Utf8RowBuffer()).ToArray();
}
