namespace Recommender.Rules.Tests.TestData;

/// <summary>Finds the checkout's root (the folder holding Recommender.sln) from the test's output folder.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Recommender.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Recommender.sln above {AppContext.BaseDirectory}.");
    }
}
