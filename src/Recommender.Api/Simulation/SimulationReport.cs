namespace Recommender.Api.Simulation;

/// <summary>What the simulate verb measured (the statistics demonstrated on experiments whose truth is known).</summary>
/// <param name="Runs">Simulated experiments per scenario.</param>
/// <param name="UsersPerExperiment">Users in each experiment (about half per variant): the sample size the detection rate holds at.</param>
/// <param name="DataSetUsers">Users of the data set the simulated users stand for.</param>
/// <param name="Requests">Recommendation requests the in-process pipeline answered.</param>
/// <param name="HeldOutItemsPerResponse">Per policy, the mean number of a user's held-out items among the k shown.</param>
/// <param name="AaFalsePositiveShare">A/A (both variants strong): share of runs with p &lt; 0.05 (should be about 0.05).</param>
/// <param name="AaCupedFalsePositiveShare">The same with CUPED.</param>
/// <param name="AaSrmFlags">A/A runs flagged as sample-ratio mismatch (should be about 0.1 % of runs).</param>
/// <param name="AbDetectionRate">A/B (control strong, treatment weakened): share of runs with p &lt; 0.05 and a negative lift.</param>
/// <param name="AbCupedDetectionRate">The same with CUPED.</param>
/// <param name="AbMeanRelativeLift">The weakened variant's mean relative lift over the runs.</param>
/// <param name="SrmFlagShare">45/55 split analysed as 50/50: share of runs flagged (p &lt; 0.001).</param>
/// <param name="SrmMedianPValue">The median SRM p-value of those runs.</param>
public sealed record SimulationReport(
    int Runs,
    int UsersPerExperiment,
    int DataSetUsers,
    int Requests,
    IReadOnlyDictionary<string, double> HeldOutItemsPerResponse,
    double AaFalsePositiveShare,
    double AaCupedFalsePositiveShare,
    int AaSrmFlags,
    double AbDetectionRate,
    double AbCupedDetectionRate,
    double AbMeanRelativeLift,
    double SrmFlagShare,
    double SrmMedianPValue);
