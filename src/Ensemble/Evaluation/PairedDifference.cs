namespace Recommender.Ensemble.Evaluation;

/// <summary>
/// How much model A's nDCG exceeds model B's on the same test users, with the standard error of that mean difference
/// taken over the users' paired differences. Pairing removes what the two share (how hard each user is to
/// recommend for), so it is far tighter than comparing the two standard errors.
/// </summary>
/// <param name="Mean">Mean over users of nDCG(A) − nDCG(B): A's nDCG minus B's.</param>
/// <param name="StandardError">Sample standard deviation of the per-user differences over √users.</param>
/// <param name="Users">Test users compared.</param>
public readonly record struct PairedDifference(double Mean, double StandardError, int Users)
{
    /// <summary>nDCG(<paramref name="a"/>) − nDCG(<paramref name="b"/>), user by user.</summary>
    /// <exception cref="ArgumentException">The two were not evaluated on the same test users.</exception>
    public static PairedDifference OfNdcg(EvaluationResult a, EvaluationResult b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.UserNdcg.Count != b.UserNdcg.Count)
            throw new ArgumentException(
                $"{a.Model} was evaluated on {a.UserNdcg.Count} users and {b.Model} on {b.UserNdcg.Count}: a paired comparison needs the same test users.", nameof(b));
        var differences = new double[a.UserNdcg.Count];
        for (var u = 0; u < differences.Length; u++)
            differences[u] = a.UserNdcg[u] - b.UserNdcg[u];
        return new PairedDifference(differences.Length == 0 ? 0 : differences.Average(), StandardErrorOfMean(differences), differences.Length);
    }

    /// <summary>Sample standard deviation (n − 1) over √n; 0 for fewer than two values.</summary>
    public static double StandardErrorOfMean(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (n < 2)
            return 0;
        var mean = values.Average();
        var squares = 0.0;
        foreach (var v in values)
            squares += (v - mean) * (v - mean);
        return Math.Sqrt(squares / (n - 1) / n);
    }
}
