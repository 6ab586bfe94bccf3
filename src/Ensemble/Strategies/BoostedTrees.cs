using Microsoft.ML.Trainers.FastTree;
using Recommender.Ensemble.Registry;

namespace Recommender.Ensemble.Strategies;

/// <summary>
/// A boosted regression-tree ensemble in flat arrays: score = bias + Σ_t weight_t · leaf_t(x), where each tree is
/// walked from node 0, going left when x[feature] ≤ threshold (ML.NET's rule); a negative child c is leaf ~c.
/// Extracted from a trained ML.NET FastTree model so that serving needs neither ML.NET nor a (non-thread-safe)
/// prediction engine, and stored as registry tensors with their SHA-256 like every other artifact.
/// </summary>
internal sealed class BoostedTrees
{
    private readonly int[] _nodeStart;
    private readonly int[] _leafStart;
    private readonly int[] _splitFeature;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly float[] _leafValue;
    private readonly float[] _treeWeight;

    private BoostedTrees(int featureCount, float bias, int[] nodeStart, int[] leafStart, int[] splitFeature, float[] threshold,
        int[] left, int[] right, float[] leafValue, float[] treeWeight)
    {
        FeatureCount = featureCount;
        Bias = bias;
        _nodeStart = nodeStart;
        _leafStart = leafStart;
        _splitFeature = splitFeature;
        _threshold = threshold;
        _left = left;
        _right = right;
        _leafValue = leafValue;
        _treeWeight = treeWeight;
    }

    public int FeatureCount { get; }

    public float Bias { get; }

    public int TreeCount => _treeWeight.Length;

    public double Score(ReadOnlySpan<float> features)
    {
        if (features.Length != FeatureCount)
            throw new ArgumentException($"Expected {FeatureCount} features, got {features.Length}.", nameof(features));
        double sum = Bias;
        for (var t = 0; t < _treeWeight.Length; t++)
        {
            var nodes = _nodeStart[t];
            var leaf = 0;
            if (_nodeStart[t + 1] > nodes)
            {
                var node = 0;
                while (node >= 0)
                {
                    var at = nodes + node;
                    node = features[_splitFeature[at]] <= _threshold[at] ? _left[at] : _right[at];
                }
                leaf = ~node;
            }
            sum += _treeWeight[t] * (double)_leafValue[_leafStart[t] + leaf];
        }
        return sum;
    }

    public static BoostedTrees FromMlNet(TreeEnsemble<RegressionTree> ensemble, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var nodeStart = new List<int> { 0 };
        var leafStart = new List<int> { 0 };
        var splitFeature = new List<int>();
        var threshold = new List<float>();
        var left = new List<int>();
        var right = new List<int>();
        var leafValue = new List<float>();
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(flag => flag))
                throw new NotSupportedException("Categorical splits are not supported; the ranker's features are all numeric.");
            splitFeature.AddRange(tree.NumericalSplitFeatureIndexes);
            threshold.AddRange(tree.NumericalSplitThresholds);
            left.AddRange(tree.LeftChild);
            right.AddRange(tree.RightChild);
            leafValue.AddRange(tree.LeafValues.Select(v => (float)v));
            nodeStart.Add(splitFeature.Count);
            leafStart.Add(leafValue.Count);
        }
        var weights = ensemble.TreeWeights.Select(w => (float)w).ToArray();
        return Validated(featureCount, (float)ensemble.Bias, [.. nodeStart], [.. leafStart], [.. splitFeature], [.. threshold],
            [.. left], [.. right], [.. leafValue], weights, "ML.NET model");
    }

    public void Save(ArtifactWriter writer, string prefix)
    {
        writer.WriteInts($"{prefix}.node_start", _nodeStart);
        writer.WriteInts($"{prefix}.leaf_start", _leafStart);
        writer.WriteInts($"{prefix}.split_feature", _splitFeature);
        writer.WriteFloats($"{prefix}.threshold", _threshold);
        writer.WriteInts($"{prefix}.left", _left);
        writer.WriteInts($"{prefix}.right", _right);
        writer.WriteFloats($"{prefix}.leaf_value", _leafValue);
        writer.WriteFloats($"{prefix}.tree_weight", _treeWeight);
        writer.WriteFloats($"{prefix}.bias", [Bias]);
    }

    public static BoostedTrees Load(ArtifactReader reader, string prefix, int featureCount)
    {
        var bias = reader.ReadFloats($"{prefix}.bias");
        var where = Path.Combine(reader.DirectoryPath, $"{prefix}.*");
        if (bias.Length != 1)
            throw new ModelArtifactException(where, "the bias must hold one value");
        try
        {
            return Validated(featureCount, bias[0],
                reader.ReadInts($"{prefix}.node_start"), reader.ReadInts($"{prefix}.leaf_start"),
                reader.ReadInts($"{prefix}.split_feature"), reader.ReadFloats($"{prefix}.threshold"),
                reader.ReadInts($"{prefix}.left"), reader.ReadInts($"{prefix}.right"),
                reader.ReadFloats($"{prefix}.leaf_value"), reader.ReadFloats($"{prefix}.tree_weight"), where);
        }
        catch (InvalidDataException e)
        {
            throw new ModelArtifactException(where, e.Message);
        }
    }

    /// <summary>
    /// Checks that every walk ends in a leaf of its own tree: children inside the tree, internal children after
    /// their parent (so no walk loops), leaves and features in range.
    /// </summary>
    private static BoostedTrees Validated(int featureCount, float bias, int[] nodeStart, int[] leafStart, int[] splitFeature,
        float[] threshold, int[] left, int[] right, float[] leafValue, float[] treeWeight, string source)
    {
        var trees = treeWeight.Length;
        if (nodeStart.Length != trees + 1 || leafStart.Length != trees + 1 || nodeStart[0] != 0 || leafStart[0] != 0
            || nodeStart[^1] != splitFeature.Length || leafStart[^1] != leafValue.Length
            || threshold.Length != splitFeature.Length || left.Length != splitFeature.Length || right.Length != splitFeature.Length)
            throw new InvalidDataException($"{source}: tree array lengths are inconsistent");
        for (var t = 0; t < trees; t++)
        {
            var nodes = nodeStart[t + 1] - nodeStart[t];
            var leaves = leafStart[t + 1] - leafStart[t];
            if (nodes < 0 || leaves != nodes + 1)
                throw new InvalidDataException($"{source}: tree {t} has {nodes} splits and {leaves} leaves (a binary tree has one more leaf than splits)");
            for (var n = 0; n < nodes; n++)
            {
                var at = nodeStart[t] + n;
                if ((uint)splitFeature[at] >= (uint)featureCount)
                    throw new InvalidDataException($"{source}: tree {t} splits on feature {splitFeature[at]} of {featureCount}");
                foreach (var child in (ReadOnlySpan<int>)[left[at], right[at]])
                {
                    var valid = child >= 0 ? child > n && child < nodes : ~child < leaves;
                    if (!valid)
                        throw new InvalidDataException($"{source}: tree {t} node {n} has an invalid child {child}");
                }
            }
        }
        return new BoostedTrees(featureCount, bias, nodeStart, leafStart, splitFeature, threshold, left, right, leafValue, treeWeight);
    }
}
