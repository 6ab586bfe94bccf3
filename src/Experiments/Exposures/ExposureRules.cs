namespace Recommender.Experiments.Exposures;

/// <summary>
/// What an exposure must satisfy to be storable. Checked when it is enqueued, because a record the database
/// refuses would otherwise sit in the spool and be retried forever.
/// </summary>
public static class ExposureRules
{
    /// <summary>Every reason the exposure cannot be stored; empty when it can.</summary>
    /// <remarks>
    /// Every served answer passes through here, so a valid exposure allocates nothing: a field's name is formatted,
    /// and the list created, only once something is wrong.
    /// </remarks>
    public static IReadOnlyList<string> Problems(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        List<string>? problems = null;
        Report(ref problems, TextProblem(exposure.RequestId), nameof(Exposure.RequestId));
        Report(ref problems, TextProblem(exposure.UserId), nameof(Exposure.UserId));
        Report(ref problems, TextProblem(exposure.Experiment), nameof(Exposure.Experiment));
        Report(ref problems, TextProblem(exposure.Variant), nameof(Exposure.Variant));
        Report(ref problems, StorableProblem(exposure.ConfigVersion), nameof(Exposure.ConfigVersion));
        Report(ref problems, StorableProblem(exposure.Strategy), nameof(Exposure.Strategy));
        if (exposure.ModelVersions is null)
            Report(ref problems, "is null", nameof(Exposure.ModelVersions));
        else
        {
            foreach (var (model, version) in exposure.ModelVersions)
            {
                if (TextProblem(model) is { } keyProblem)
                    Report(ref problems, keyProblem, $"{nameof(Exposure.ModelVersions)} key");
                if (StorableProblem(version) is { } versionProblem)
                    Report(ref problems, versionProblem, $"{nameof(Exposure.ModelVersions)}[{model}]");
            }
        }
        if (exposure.Items is null)
            Report(ref problems, "is null", nameof(Exposure.Items));
        else
        {
            for (var i = 0; i < exposure.Items.Count; i++)
            {
                var item = exposure.Items[i];
                if (TextProblem(item.ItemId) is { } idProblem)
                    Report(ref problems, idProblem, $"{nameof(Exposure.Items)}[{i}].{nameof(ExposedItem.ItemId)}");
                // JSON has no NaN or infinity: such a score could never be written.
                if (!float.IsFinite(item.Score))
                    Report(ref problems, "is not finite", $"{nameof(Exposure.Items)}[{i}].{nameof(ExposedItem.Score)}");
            }
        }
        return problems ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static void Validate(Exposure exposure)
    {
        var problems = Problems(exposure);
        if (problems.Count > 0)
            throw new ArgumentException($"Exposure '{exposure.RequestId}' cannot be stored: {string.Join("; ", problems)}.", nameof(exposure));
    }

    private static void Report(ref List<string>? problems, string? problem, string name)
    {
        if (problem is not null)
            (problems ??= []).Add($"{name} {problem}");
    }

    private static string? TextProblem(string? value) => string.IsNullOrEmpty(value) ? "is empty" : StorableProblem(value);

    // PostgreSQL text cannot hold U+0000.
    private static string? StorableProblem(string? value) =>
        value is null ? "is null" : value.Contains('\0') ? "contains a NUL character" : null;
}
