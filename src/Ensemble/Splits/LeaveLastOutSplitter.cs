using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Splits;

/// <summary>
/// Leave-last-out: each user's latest interaction by timestamp goes to test, the rest to train. Among rows with
/// the same latest timestamp the one later in the file counts as latest (logs are appended in time order), so
/// the split is deterministic. A user with a single row stays in train: moving it would leave no history.
/// </summary>
public sealed class LeaveLastOutSplitter : IInteractionSplitter
{
    public (InteractionLog Train, InteractionLog Test) Split(InteractionLog log)
    {
        var lastRow = new int[log.Users.Count];
        var rowCount = new int[log.Users.Count];
        Array.Fill(lastRow, -1);
        for (var row = 0; row < log.Count; row++)
        {
            var user = log.UserIndex[row];
            rowCount[user]++;
            // '>=' because rows are visited in file order: on equal times the later row wins.
            if (lastRow[user] < 0 || log.Timestamp[row] >= log.Timestamp[lastRow[user]])
                lastRow[user] = row;
        }

        var isTrain = new bool[log.Count];
        Array.Fill(isTrain, true);
        for (var user = 0; user < lastRow.Length; user++)
        {
            if (rowCount[user] >= 2)
                isTrain[lastRow[user]] = false;
        }
        return SplitRows.Apply(log, isTrain);
    }
}
