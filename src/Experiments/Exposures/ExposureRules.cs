namespace Recommender.Experiments.Exposures;

/// <summary>
/// What an exposure must satisfy to be storable. Checked when it is enqueued, because a record the database
/// refuses would otherwise sit in the spool and be retried forever.
/// </summary>
public static class ExposureRules
{
    /// <summary>Every reason the exposure cannot be stored; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        var problems = new List<string>();
        RequireText(exposure.RequestId, nameof(Exposure.RequestId), problems);
        RequireText(exposure.UserId, nameof(Exposure.UserId), problems);
        RequireText(exposure.Experiment, nameof(Exposure.Experiment), problems);
        RequireText(exposure.Variant, nameof(Exposure.Variant), problems);
        AllowEmpty(exposure.ConfigVersion, nameof(Exposure.ConfigVersion), problems);
        AllowEmpty(exposure.Strategy, nameof(Exposure.Strategy), problems);
        if (exposure.ModelVersions is null)
            problems.Add($"{nameof(Exposure.ModelVersions)} is null");
        else
        {
            foreach (var (model, version) in exposure.ModelVersions)
            {
                RequireText(model, $"{nameof(Exposure.ModelVersions)} key", problems);
                AllowEmpty(version, $"{nameof(Exposure.ModelVersions)}[{model}]", problems);
            }
        }
        if (exposure.Items is null)
            problems.Add($"{nameof(Exposure.Items)} is null");
        else
        {
            for (var i = 0; i < exposure.Items.Count; i++)
            {
                var item = exposure.Items[i];
                RequireText(item.ItemId, $"{nameof(Exposure.Items)}[{i}].{nameof(ExposedItem.ItemId)}", problems);
                // JSON has no NaN or infinity: such a score could never be written.
                if (!float.IsFinite(item.Score))
                    problems.Add($"{nameof(Exposure.Items)}[{i}].{nameof(ExposedItem.Score)} is not finite");
            }
        }
        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem.</summary>
    public static void Validate(Exposure exposure)
    {
        // Every served answer passes through here: the common, valid case is checked without building a message.
        if (IsStorable(exposure))
            return;
        var problems = Problems(exposure);
        if (problems.Count > 0)
            throw new ArgumentException($"Exposure '{exposure.RequestId}' cannot be stored: {string.Join("; ", problems)}.", nameof(exposure));
    }

    private static bool IsStorable(Exposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        if (!IsText(exposure.RequestId) || !IsText(exposure.UserId) || !IsText(exposure.Experiment) || !IsText(exposure.Variant)
            || !IsStorableText(exposure.ConfigVersion) || !IsStorableText(exposure.Strategy)
            || exposure.ModelVersions is null || exposure.Items is null)
            return false;
        foreach (var (model, version) in exposure.ModelVersions)
        {
            if (!IsText(model) || !IsStorableText(version))
                return false;
        }
        for (var i = 0; i < exposure.Items.Count; i++)
        {
            var item = exposure.Items[i];
            if (!IsText(item.ItemId) || !float.IsFinite(item.Score))
                return false;
        }
        return true;
    }

    private static bool IsText(string? value) => !string.IsNullOrEmpty(value) && IsStorableText(value);

    private static bool IsStorableText(string? value) => value is not null && !value.Contains('\0');

    private static void RequireText(string? value, string name, List<string> problems)
    {
        if (string.IsNullOrEmpty(value))
            problems.Add($"{name} is empty");
        else
            AllowEmpty(value, name, problems);
    }

    // PostgreSQL text cannot hold U+0000.
    private static void AllowEmpty(string? value, string name, List<string> problems)
    {
        if (value is null)
            problems.Add($"{name} is null");
        else if (value.Contains('\0'))
            problems.Add($"{name} contains a NUL character");
    }
}
