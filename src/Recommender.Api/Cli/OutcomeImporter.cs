using Recommender.Experiments.Outcomes;
using Recommender.Experiments.Storage;

namespace Recommender.Api.Cli;

/// <summary>
/// Imports an outcomes CSV into the store in batches through <see cref="IOutcomeStore.AppendOutcomesAsync"/>, which
/// is idempotent by eventId: importing a file twice stores nothing the second time. Without skipInvalid a file with any
/// refused record is not imported at all (it is checked in a first pass), so a fixed file can simply be imported again;
/// with it the valid records are stored and the refused ones listed.
/// </summary>
internal sealed class OutcomeImporter(IOutcomeStore store, int batchSize)
{
    /// <summary>Rejections listed in the summary; beyond that only counted (a garbage file should not flood the terminal).</summary>
    public const int MaxListedRejections = 1000;

    /// <param name="open">Opens the file from its start (it may be read twice).</param>
    /// <param name="progress">Receives the fraction of the file read.</param>
    public async Task<OutcomeImportSummary> ImportAsync(
        Func<Stream> open, string file, bool skipInvalid, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!skipInvalid)
        {
            var check = await ScanAsync(open, file, store: false, progress, cancellationToken);
            if (check.Rejected > 0)
                return check with { Imported = false };
        }
        return await ScanAsync(open, file, store: true, progress, cancellationToken);
    }

    private async Task<OutcomeImportSummary> ScanAsync(
        Func<Stream> open, string file, bool store, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        long records = 0, accepted = 0, duplicates = 0, rejected = 0;
        var rejections = new List<OutcomeRejection>();
        var batch = new List<OutcomeEvent>(batchSize);
        await using var stream = open();
        using var text = new StreamReader(stream);
        foreach (var record in OutcomeCsvReader.Read(text, file))
        {
            records++;
            if (record.Event is { } valid)
            {
                if (!store)
                    continue;
                batch.Add(valid);
                if (batch.Count == batchSize)
                {
                    (accepted, duplicates) = Add(await FlushAsync(batch, cancellationToken), accepted, duplicates);
                    if (stream.CanSeek)
                        progress?.Report((double)stream.Position / Math.Max(1, stream.Length));
                }
                continue;
            }
            rejected++;
            if (rejections.Count < MaxListedRejections)
                rejections.Add(new OutcomeRejection(record.Line, record.Problem!));
        }
        if (batch.Count > 0)
            (accepted, duplicates) = Add(await FlushAsync(batch, cancellationToken), accepted, duplicates);
        progress?.Report(1);
        return new OutcomeImportSummary(file, records, accepted, duplicates, rejected, store, rejections);
    }

    private async Task<OutcomeAppendResult> FlushAsync(List<OutcomeEvent> batch, CancellationToken cancellationToken)
    {
        var result = await store.AppendOutcomesAsync([.. batch], cancellationToken);
        batch.Clear();
        return result;
    }

    private static (long Accepted, long Duplicates) Add(OutcomeAppendResult result, long accepted, long duplicates) =>
        (accepted + result.Accepted, duplicates + result.Duplicates);
}
