namespace Recommender.Ensemble.Tests.TestData;

/// <summary>
/// Locates MovieLens 100K in ../shared/data/ml-100k (its licence forbids copying it into the repo).
/// A test that needs it is skipped with the reason when it is absent, except under CI=true, where it fails.
/// </summary>
public static class MovieLensData
{
    public const string RelativeFolder = "shared/data/ml-100k";

    public static string? TryFind()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeFolder);
            if (File.Exists(Path.Combine(candidate, "u.data")))
                return candidate;
        }
        return null;
    }

    /// <summary>The folder, or skips (fails under CI) the calling test.</summary>
    public static string RequireFolder()
    {
        var folder = TryFind();
        if (folder is not null)
            return folder;
        var reason = $"MovieLens 100K not found in any parent's {RelativeFolder}; it cannot be redistributed, place it there to run this test.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(reason);
        Assert.Skip(reason);
        return null!;
    }
}
