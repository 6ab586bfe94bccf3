using Recommender.Ensemble.Data;

namespace Recommender.Ensemble.Splits;

/// <summary>Turns a train/test flag per row into the two logs, each in file order.</summary>
internal static class SplitRows
{
    public static (InteractionLog Train, InteractionLog Test) Apply(InteractionLog log, ReadOnlySpan<bool> isTrain)
    {
        var trainCount = 0;
        foreach (var flag in isTrain)
            trainCount += flag ? 1 : 0;
        var train = new int[trainCount];
        var test = new int[isTrain.Length - trainCount];
        int t = 0, s = 0;
        for (var row = 0; row < isTrain.Length; row++)
        {
            if (isTrain[row])
                train[t++] = row;
            else
                test[s++] = row;
        }
        return (log.Subset(train), log.Subset(test));
    }
}
